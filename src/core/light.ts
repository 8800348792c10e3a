// The core has two surfaces, and this file is the first of them.
//
// - `core/light` (this file): pure rules, settings, errors and formatting that load no network stack. The extension
//   imports these at activation, so the Explorer menu, the Uploads view and the status bar come up without loading
//   undici.
// - `core/index.ts`: everything, including the Notion client and the upload manager. The CLI imports it directly;
//   the extension loads it lazily, on the first command that talks to Notion (`uploadService.ts`), and otherwise
//   imports only its types.
//
// Nothing outside `src/core` imports a core module by its own path.
export * from './rules/fileType';
export * from './rules/fileTypeAllowList';
export * from './rules/pageLink';
export * from './rules/progressText';
export * from './rules/units';
export * from './rules/uploadPlan';
export * from './rules/tokenCheck';
export * from './rules/requestTime';
export * from './settings/settings';
export * from './settings/settingsSchema';
export * from './errors/errors';
export * from './errors/redact';
export * from './transfer/sha256File';
export * from './errors/uploaderError';
export * from './errors/describeError';
export * from './errors/pageInTrash';
export * from './rules/controlCharacters';
export * from './notion/connectionOptions';
export * from './notion/wholeListing';
export { isFinished } from './sessions/sessionStates';
