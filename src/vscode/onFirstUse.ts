// The commands' own code, loaded on the first command that needs it rather than at activation (esbuild.mjs makes it
// dist/onFirstUse.js): listing folders with their ignore rules (picomatch, ignore), the questions before an upload,
// publishing Markdown and the connection check. Activation needs only their names, which package.json declares.
export { ConnectionCommand } from './connectionCommand';
export { PublishCommand } from './publishCommand';
export { UploadCommand } from './uploadCommand';
export { UploadQuestions } from './uploadQuestions';
