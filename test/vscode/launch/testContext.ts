// How the runner tells the host suite where things are. The payload's extensionEnvironment does not reach the
// extension host under code-server, but the server's own environment does (extension hosts inherit it), as does
// @vscode/test-electron's extensionTestsEnv. So the runner writes this JSON to a file and puts the file's path in
// NOTION_UPLOAD_TEST_CONTEXT for both launchers; suites call readTestContext().
import { readFileSync, writeFileSync } from 'node:fs';
import { TEST_CONTEXT_ENV } from './paths';

export interface EmulatorEndpoint {
  /** Base URL, also set as notionUpload.apiBaseUrl in machine settings; control routes live under /__emulator/. */
  url: string;
  token: string;
  /** The page shared with the token from the start. */
  pageId: string;
}

export interface HostTestContext {
  /** The folder the window opened, filled with sample files by the runner; tests may add their own. */
  workspaceFolder: string;
  /** A folder the tests may write into; removed after the run. */
  scratchDir: string;
  emulator: EmulatorEndpoint;
  /** Only tests whose full title matches run (mocha --grep), when set. */
  grep?: string;
}

export function writeTestContext(file: string, context: HostTestContext): void {
  writeFileSync(file, JSON.stringify(context, null, 2));
}

export function readTestContext(): HostTestContext {
  const file = process.env[TEST_CONTEXT_ENV];
  if (!file) throw new Error(`${TEST_CONTEXT_ENV} is not set: run the host suite through npm run test:host`);
  return JSON.parse(readFileSync(file, 'utf8')) as HostTestContext;
}
