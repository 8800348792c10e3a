// The browser UI suite: packages the extension into a VSIX, installs it into code-server, starts the Notion emulator
// and headless Chromium, then runs every out/test/vscode/ui/*.test.js with mocha against that one session.
// Usage (after a production build and `node esbuild.mjs --tests`): node out/test/vscode/ui/runUiTests.js [--grep <pattern>]
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type Mocha from 'mocha';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../launch/chromium';
import { startCodeServer, type CodeServer } from '../launch/codeServer';
import { packageVsix } from '../launch/packageVsix';
import { TEST_CONTEXT_ENV, testResultsDir } from '../launch/paths';
import { prepareRun, type PreparedRun } from '../launch/preparedRun';
import { setUiSession } from './uiSession';
import { Workbench } from './workbench';

const HARD_TIMEOUT_MS = 10 * 60_000;
const TARGET_PAGE_TITLE = 'Project notes';

function fileNameOf(title: string): string {
  return title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 80);
}

async function runMocha(): Promise<number> {
  // mocha's package entry is ESM; its CommonJS build is what loads here and in the extension host alike.
  const MochaClass = require('mocha/lib/mocha.cjs') as typeof Mocha;
  const mocha = new MochaClass({ ui: 'bdd', reporter: 'spec', timeout: 120_000 });
  mocha.rootHooks({
    async afterEach(this: Mocha.Context) {
      const test = this.currentTest;
      if (test?.state !== 'failed') return;
      for (const [index, workbench] of [...Workbench.unclosed].entries()) {
        const path = await workbench.screenshot(`failed-${fileNameOf(test.fullTitle())}-${index + 1}`).catch(() => undefined);
        if (path) console.error(`    screenshot of the failure: ${path}`);
      }
    },
  });
  const grepIndex = process.argv.indexOf('--grep');
  if (grepIndex >= 0 && process.argv[grepIndex + 1]) mocha.grep(process.argv[grepIndex + 1] as string);
  for (const file of readdirSync(__dirname).filter((name) => name.endsWith('.test.js')).sort()) {
    mocha.addFile(join(__dirname, file));
  }
  return new Promise<number>((resolve) => mocha.run(resolve));
}

async function main(): Promise<number> {
  let run: PreparedRun | undefined;
  let codeServer: CodeServer | undefined;
  let browser: Browser | undefined;
  const cleanUp = async (): Promise<void> => {
    setUiSession(undefined);
    await browser?.close().catch(() => undefined);
    await codeServer?.stop();
    if (codeServer) {
      mkdirSync(join(testResultsDir, 'ui'), { recursive: true });
      copyFileSync(codeServer.logFile, join(testResultsDir, 'ui', 'code-server.log'));
    }
    await run?.dispose();
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void cleanUp().finally(() => process.exit(130)));
  }
  const hardTimeout = setTimeout(() => {
    console.error(`UI suite did not finish within ${HARD_TIMEOUT_MS / 60_000} minutes; stopping it.`);
    void cleanUp().finally(() => process.exit(1));
  }, HARD_TIMEOUT_MS);

  try {
    const vsixPath = packageVsix();
    run = await prepareRun({ name: 'ui-tests' });
    const targetPage = { id: run.emulator.addPage(TARGET_PAGE_TITLE), title: TARGET_PAGE_TITLE };
    codeServer = await startCodeServer({
      scratchDir: join(run.scratchDir, 'code-server'),
      workspaceFolder: run.workspaceFolder,
      machineSettings: run.machineSettings,
      userSettings: { 'notionUpload.targetPage': targetPage.id },
      extensionsToInstall: [vsixPath],
      env: { [TEST_CONTEXT_ENV]: run.contextFile },
    });
    browser = await launchChromium();
    setUiSession({ browser, codeServer, emulator: run.emulator, targetPage, workspaceFolder: run.workspaceFolder });
    console.log(`UI suite: code-server ${codeServer.url}, Notion emulator ${run.emulator.url}`);
    const failures = await runMocha();
    return failures > 0 ? 1 : 0;
  } catch (error) {
    console.error((error as Error).stack ?? error);
    return 1;
  } finally {
    clearTimeout(hardTimeout);
    await cleanUp();
  }
}

void main().then((code) => process.exit(code));
