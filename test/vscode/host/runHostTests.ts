// Runs the extension-host suites inside VS Code 1.100 served by code-server, driven by headless Chromium, with the
// Notion emulator running: first out/test/vscode/host/suite with workspace trust off, then out/test/vscode/host/untrusted in an
// untrusted folder (Restricted Mode). Prints each run's output and exits non-zero when either fails.
// The emulator runs in a process of its own at a lower CPU priority (nice 10 unless --emulator-nice says otherwise; 0 is
// the same priority as the host), as Notion's servers cost a user's machine nothing: at the same priority it took as
// much of this machine's cores as the extension host whose event loop the suite measures.
// Usage (after `node esbuild.mjs && node esbuild.mjs --tests`): node out/test/vscode/host/runHostTests.js [--grep <pattern>] [--run host-tests|untrusted] [--emulator-nice <0-19>]
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../launch/chromium';
import { startCodeServer, type CodeServer } from '../launch/codeServer';
import { hostSuiteIndex, projectRoot, TEST_CONTEXT_ENV, testResultsDir } from '../launch/paths';
import { startEmulatorProcess, type EmulatorProcess } from '../launch/emulatorProcess';
import { prepareRun, type PreparedRun } from '../launch/preparedRun';
import { plantHostileWorkspaceSettings, untrustedSuiteIndex } from './untrustedWorkspace';

const HARD_TIMEOUT_MS = 5 * 60_000;
const DEFAULT_EMULATOR_NICE = 10;

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

/** The workbench's log and the extension host's console both arrive here, as printf-style argument lists. */
function printAutomationLog(type: string, args: unknown): void {
  const text = Array.isArray(args) ? format(...args) : format(args);
  (type === 'error' ? process.stderr : process.stdout).write(`${text}\n`);
}

async function runSuite(browser: Browser, codeServer: CodeServer, suiteIndex: string, name: string): Promise<number> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  let finish: (code: number) => void = () => undefined;
  const exitCode = new Promise<number>((resolve) => (finish = resolve));
  await page.exposeFunction('codeAutomationLog', printAutomationLog);
  await page.exposeFunction('codeAutomationExit', (code: number) => finish(code));
  page.on('pageerror', (error) => process.stderr.write(`[workbench page error] ${error.message}\n`));
  page.on('crash', () => {
    console.error('The workbench page crashed.');
    finish(1);
  });
  await page.goto(
    codeServer.workbenchUrl({
      payload: [
        ['extensionDevelopmentPath', codeServer.remoteUri(projectRoot)],
        ['extensionTestsPath', codeServer.remoteUri(suiteIndex)],
      ],
    }),
  );
  const code = await withHardTimeout(exitCode);
  if (code !== 0) {
    const screenshot = join(testResultsDir, 'host', `${name}-workbench-at-exit.png`);
    await page.screenshot({ path: screenshot }).then(
      () => console.error(`Workbench at exit: ${screenshot}`),
      () => undefined,
    );
  }
  return code;
}

function withHardTimeout(run: Promise<number>): Promise<number> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<number>((resolve) => {
    timer = setTimeout(() => {
      console.error(`Host suite did not finish within ${HARD_TIMEOUT_MS / 60_000} minutes; stopping it.`);
      resolve(1);
    }, HARD_TIMEOUT_MS);
  });
  return Promise.race([run, timedOut]).finally(() => clearTimeout(timer));
}

interface HostRun {
  name: string;
  suiteIndex: string;
  workspaceTrust: boolean;
  /** Changes the prepared run (its workspace) and returns user settings for code-server. */
  setUp?: (run: PreparedRun<EmulatorProcess>) => Promise<Record<string, unknown>>;
  /** The emulator over HTTPS, its CA trusted only through NODE_EXTRA_CA_CERTS, as a company CA would be. */
  tls?: boolean;
}

const hostRuns: HostRun[] = [
  { name: 'host-tests', suiteIndex: hostSuiteIndex, workspaceTrust: false },
  { name: 'untrusted', suiteIndex: untrustedSuiteIndex, workspaceTrust: true, setUp: plantHostileWorkspaceSettings, tls: true },
];

let cleanUpCurrentRun: (() => Promise<void>) | undefined;

async function runHost(spec: HostRun): Promise<number> {
  const started = Date.now();
  let run: PreparedRun<EmulatorProcess> | undefined;
  let codeServer: CodeServer | undefined;
  let browser: Browser | undefined;
  const cleanUp = async (): Promise<void> => {
    await browser?.close().catch(() => undefined);
    await codeServer?.stop();
    if (codeServer) {
      mkdirSync(join(testResultsDir, 'host'), { recursive: true });
      copyFileSync(codeServer.logFile, join(testResultsDir, 'host', `${spec.name}-code-server.log`));
    }
    await run?.dispose();
  };
  cleanUpCurrentRun = cleanUp;

  try {
    const nice = Number(argument('--emulator-nice') ?? DEFAULT_EMULATOR_NICE);
    run = await prepareRun({ name: spec.name, grep: argument('--grep'), tls: spec.tls }, (tls) => startEmulatorProcess({ tls, nice }));
    codeServer = await startCodeServer({
      scratchDir: join(run.scratchDir, 'code-server'),
      workspaceFolder: run.workspaceFolder,
      workspaceTrust: spec.workspaceTrust,
      userSettings: await spec.setUp?.(run),
      machineSettings: run.machineSettings,
      env: { [TEST_CONTEXT_ENV]: run.contextFile, ...(run.emulator.caCertificatePath ? { NODE_EXTRA_CA_CERTS: run.emulator.caCertificatePath } : {}) },
    });
    browser = await launchChromium();
    const priority = run.emulator.nice > 0 ? `in a process of its own at low CPU priority (${run.emulator.priority}), as Notion's servers cost a user's machine nothing` : 'in a process of its own at the same CPU priority as the host';
    console.log(`Host suite (${spec.name}): code-server ${codeServer.url}, Notion emulator ${run.emulator.url} ${priority}`);
    const code = await runSuite(browser, codeServer, spec.suiteIndex, spec.name);
    console.log(`Host suite (${spec.name}) finished with exit code ${code} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return code;
  } catch (error) {
    console.error((error as Error).stack ?? error);
    return 1;
  } finally {
    await cleanUp();
    cleanUpCurrentRun = undefined;
  }
}

async function main(): Promise<number> {
  for (const spec of hostRuns) {
    if (!existsSync(spec.suiteIndex)) {
      console.error(`${spec.suiteIndex} is missing: run node esbuild.mjs --tests first`);
      return 1;
    }
  }
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void (cleanUpCurrentRun?.() ?? Promise.resolve()).finally(() => process.exit(130)));
  }
  const only = argument('--run');
  let worst = 0;
  for (const spec of hostRuns.filter((candidate) => !only || candidate.name === only)) worst = Math.max(worst, await runHost(spec));
  return worst;
}

void main().then((code) => process.exit(code));
