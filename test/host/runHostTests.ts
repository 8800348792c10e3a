// Runs the extension-host suite (out/test/host/suite) inside VS Code 1.100 served by code-server, driven by headless
// Chromium, with the Notion emulator running. Prints the suite's output and exits with its result.
// Usage (after `node esbuild.mjs && node esbuild.mjs --tests`): node out/test/host/runHostTests.js [--grep <pattern>]
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { format } from 'node:util';
import { launchChromium } from './chromium';
import { startCodeServer, type CodeServer } from './codeServer';
import { startEmulatorForHost, type HostEmulator } from './hostEmulator';
import { hostSuiteIndex, projectRoot, TEST_CONTEXT_ENV, testResultsDir } from './paths';
import { createSampleWorkspace } from './sampleWorkspace';
import { writeTestContext } from './testContext';
import type { Browser } from 'playwright-core';

const HARD_TIMEOUT_MS = 5 * 60_000;

function grepArgument(): string | undefined {
  const index = process.argv.indexOf('--grep');
  return index >= 0 ? process.argv[index + 1] : undefined;
}

/** The workbench's log and the extension host's console both arrive here, as printf-style argument lists. */
function printAutomationLog(type: string, args: unknown): void {
  const text = Array.isArray(args) ? format(...args) : format(args);
  (type === 'error' ? process.stderr : process.stdout).write(`${text}\n`);
}

async function runSuite(browser: Browser, codeServer: CodeServer, workspaceFolder: string): Promise<number> {
  const page = await browser.newPage();
  let finish: (code: number) => void = () => undefined;
  const exitCode = new Promise<number>((resolve) => (finish = resolve));
  await page.exposeFunction('codeAutomationLog', printAutomationLog);
  await page.exposeFunction('codeAutomationExit', (code: number) => finish(code));
  page.on('pageerror', (error) => process.stderr.write(`[workbench page error] ${error.message}\n`));
  await page.goto(
    codeServer.workbenchUrl({
      folder: workspaceFolder,
      payload: [
        ['extensionDevelopmentPath', codeServer.remoteUri(projectRoot)],
        ['extensionTestsPath', codeServer.remoteUri(hostSuiteIndex)],
      ],
    }),
  );
  return exitCode;
}

async function main(): Promise<number> {
  if (!existsSync(hostSuiteIndex)) {
    console.error(`${hostSuiteIndex} is missing: run node esbuild.mjs --tests first`);
    return 1;
  }
  const started = Date.now();
  const scratchDir = mkdtempSync(join(tmpdir(), 'notion-host-tests-'));
  const workspaceFolder = join(scratchDir, 'workspace');
  createSampleWorkspace(workspaceFolder);

  let emulator: HostEmulator | undefined;
  let codeServer: CodeServer | undefined;
  let browser: Browser | undefined;
  const cleanUp = async (): Promise<void> => {
    await browser?.close().catch(() => undefined);
    await codeServer?.stop();
    await emulator?.stop();
    if (codeServer) {
      mkdirSync(join(testResultsDir, 'host'), { recursive: true });
      copyFileSync(codeServer.logFile, join(testResultsDir, 'host', 'code-server.log'));
    }
    rmSync(scratchDir, { recursive: true, force: true });
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void cleanUp().finally(() => process.exit(130)));
  }

  try {
    emulator = await startEmulatorForHost();
    const contextFile = join(scratchDir, 'test-context.json');
    writeTestContext(contextFile, {
      workspaceFolder,
      scratchDir: join(scratchDir, 'tests'),
      emulator: emulator.endpoint,
      grep: grepArgument(),
    });
    mkdirSync(join(scratchDir, 'tests'));
    codeServer = await startCodeServer({
      scratchDir: join(scratchDir, 'code-server'),
      workspaceFolder,
      machineSettings: emulator.endpoint ? { 'notionUpload.apiBaseUrl': emulator.endpoint.url } : undefined,
      env: { [TEST_CONTEXT_ENV]: contextFile },
    });
    browser = await launchChromium();
    console.log(`Host suite: code-server ${codeServer.url}, emulator ${emulator.endpoint?.url ?? '(none)'}`);
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<number>((resolve) => {
      timer = setTimeout(() => {
        console.error(`Host suite did not finish within ${HARD_TIMEOUT_MS / 60_000} minutes; stopping it.`);
        resolve(1);
      }, HARD_TIMEOUT_MS);
    });
    const code = await Promise.race([runSuite(browser, codeServer, workspaceFolder), timedOut]);
    clearTimeout(timer);
    console.log(`Host suite finished with exit code ${code} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return code;
  } catch (error) {
    console.error((error as Error).stack ?? error);
    return 1;
  } finally {
    await cleanUp();
  }
}

void main().then((code) => process.exit(code));
