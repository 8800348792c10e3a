// What every launcher of the extension under test sets up first: the Notion emulator, a generated workspace, the
// test-context file the suites read, and the settings that point the extension at the emulator.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { start, type Emulator } from '../../emulator/index';
import { createSampleWorkspace } from './sampleWorkspace';
import { writeTestContext } from './testContext';

/** What a run needs of its emulator, whether in this process (start()) or another (emulatorProcess.ts). */
export interface RunEmulator {
  url: string;
  token: string;
  pageId: string;
  caCertificatePath?: string;
  stop(): Promise<void>;
}

export interface PreparedRun<E extends RunEmulator = Emulator> {
  scratchDir: string;
  workspaceFolder: string;
  /** Its path goes into NOTION_UPLOAD_TEST_CONTEXT for the extension host (see testContext.ts). */
  contextFile: string;
  emulator: E;
  /** Machine-scoped extension settings: the emulator as the API base URL. */
  machineSettings: Record<string, unknown>;
  dispose(): Promise<void>;
}

/**
 * `tls`: the emulator serves HTTPS under a throwaway CA, which the extension host trusts through NODE_EXTRA_CA_CERTS.
 * `startEmulator`: another emulator than start()'s, in this process.
 */
export async function prepareRun(options: { name: string; grep?: string; tls?: boolean }): Promise<PreparedRun>;
export async function prepareRun<E extends RunEmulator>(options: { name: string; grep?: string; tls?: boolean }, startEmulator: (tls: boolean) => Promise<E>): Promise<PreparedRun<E>>;
export async function prepareRun(
  options: { name: string; grep?: string; tls?: boolean },
  startEmulator: (tls: boolean) => Promise<RunEmulator> = (tls) => start({ tls }),
): Promise<PreparedRun<RunEmulator>> {
  const scratchDir = mkdtempSync(join(tmpdir(), `notion-${options.name}-`));
  const workspaceFolder = join(scratchDir, 'workspace');
  const testsDir = join(scratchDir, 'tests');
  createSampleWorkspace(workspaceFolder);
  mkdirSync(testsDir);
  const emulator = await startEmulator(options.tls ?? false);
  const contextFile = join(scratchDir, 'test-context.json');
  writeTestContext(contextFile, {
    workspaceFolder,
    scratchDir: testsDir,
    emulator: { url: emulator.url, token: emulator.token, pageId: emulator.pageId },
    grep: options.grep,
  });
  return {
    scratchDir,
    workspaceFolder,
    contextFile,
    emulator,
    machineSettings: { 'notionUpload.apiBaseUrl': emulator.url },
    async dispose() {
      await emulator.stop();
      rmSync(scratchDir, { recursive: true, force: true });
    },
  };
}
