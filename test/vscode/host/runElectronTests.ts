// Runs the same extension-host suite in desktop VS Code through @vscode/test-electron, for machines that can download
// VS Code (it fetches 1.100.3 into .vscode-test/ on first use; on a Linux box without a display, run it under xvfb-run).
// Usage (after `node esbuild.mjs && node esbuild.mjs --tests`): node out/test/vscode/host/runElectronTests.js [--grep <pattern>]
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { hostSuiteIndex, projectRoot, TEST_CONTEXT_ENV } from '../launch/paths';
import { prepareRun } from '../launch/preparedRun';

const VSCODE_VERSION = '1.100.3';

async function main(): Promise<number> {
  const grepIndex = process.argv.indexOf('--grep');
  const run = await prepareRun({ name: 'electron-tests', grep: grepIndex >= 0 ? process.argv[grepIndex + 1] : undefined });
  try {
    const userDataDir = join(run.scratchDir, 'user-data');
    // A desktop window is local, so machine-scoped settings are read from the user settings file.
    mkdirSync(join(userDataDir, 'User'), { recursive: true });
    writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify(run.machineSettings, null, 2));
    return await runTests({
      version: VSCODE_VERSION,
      extensionDevelopmentPath: projectRoot,
      extensionTestsPath: hostSuiteIndex,
      extensionTestsEnv: { [TEST_CONTEXT_ENV]: run.contextFile },
      launchArgs: [
        run.workspaceFolder,
        '--user-data-dir', userDataDir,
        '--extensions-dir', join(run.scratchDir, 'extensions'),
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
      ],
    });
  } catch (error) {
    console.error((error as Error).message);
    return 1;
  } finally {
    await run.dispose();
  }
}

void main().then((code) => process.exit(code));
