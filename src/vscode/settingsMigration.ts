import * as vscode from 'vscode';

const SECTION = 'notionUpload';

/**
 * Settings that were renamed so that VS Code's Settings editor, which title-cases keys, reads them well ("Part Size",
 * not "Part Size Mi B"). The old keys stay in package.json, deprecated, so their values can be read and removed.
 */
export const RENAMED_SETTINGS: ReadonlyArray<{ from: string; to: string }> = [
  { from: 'partSizeMiB', to: 'partSize' },
  { from: 'maxUploadSpeedMiBps', to: 'maxUploadSpeed' },
];

const SCOPES = [
  { target: vscode.ConfigurationTarget.Global, value: 'globalValue' },
  { target: vscode.ConfigurationTarget.Workspace, value: 'workspaceValue' },
] as const;

/**
 * Moves each value set under an old key to the new key at the same scope (user, workspace), unless the new key is
 * already set there, and removes the old one. Returns what it moved and what it could not, for the log.
 */
export async function migrateRenamedSettings(): Promise<{ moved: string[]; failed: string[] }> {
  const config = vscode.workspace.getConfiguration(SECTION);
  const moved: string[] = [];
  const failed: string[] = [];
  for (const { from, to } of RENAMED_SETTINGS) {
    const old = config.inspect(from);
    const current = config.inspect(to);
    for (const scope of SCOPES) {
      const value = old?.[scope.value];
      if (value === undefined) continue;
      const where = `${SECTION}.${from} → ${SECTION}.${to} (${scope.target === vscode.ConfigurationTarget.Global ? 'user' : 'workspace'} settings)`;
      try {
        if (current?.[scope.value] === undefined) await config.update(to, value, scope.target);
        await config.update(from, undefined, scope.target);
        moved.push(where);
      } catch (error) {
        // A settings file VS Code cannot write (read-only, or with errors) keeps the old key; the next start tries again.
        failed.push(`${where}: ${(error as Error).message}`);
      }
    }
  }
  return { moved, failed };
}
