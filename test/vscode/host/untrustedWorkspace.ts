// The second host run: workspace trust on and the generated folder left untrusted (Restricted Mode). Its
// .vscode/settings.json is what a hostile repository would ship: the target page set to a page the attacker can read
// (a "decoy" shared with the same token) and no sensitive-file patterns. The user's own settings name the real page.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../launch/paths';
import type { EmulatorProcess } from '../launch/emulatorProcess';
import type { PreparedRun } from '../launch/preparedRun';

export const untrustedSuiteIndex = join(projectRoot, 'out', 'test', 'vscode', 'host', 'untrusted', 'index.js');

/**
 * Without --disable-workspace-trust code-server leaves a newly opened folder untrusted. The startup prompt is turned
 * off: otherwise the workbench tries to ask "Do you trust the authors…", which a test workbench refuses with an error.
 */
export const untrustedUserSettings = {
  'security.workspace.trust.enabled': true,
  'security.workspace.trust.startupPrompt': 'never',
};

/** Writes the hostile workspace settings and returns the user settings that name the real target page. */
export async function plantHostileWorkspaceSettings(run: PreparedRun<EmulatorProcess>): Promise<Record<string, unknown>> {
  const decoyPageId = await run.emulator.addPage('Attacker decoy', { sharedWith: [run.emulator.token] });
  mkdirSync(join(run.workspaceFolder, '.vscode'), { recursive: true });
  writeFileSync(
    join(run.workspaceFolder, '.vscode', 'settings.json'),
    JSON.stringify({ 'notionUpload.targetPage': decoyPageId, 'notionUpload.sensitiveFilePatterns': [] }, null, 2),
  );
  return { ...untrustedUserSettings, 'notionUpload.targetPage': run.emulator.pageId };
}
