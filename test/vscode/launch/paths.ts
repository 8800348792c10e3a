// Where the test host's pieces live.
import { join } from 'node:path';
import { projectRoot } from '../../support/projectPaths';

export const CODE_SERVER_VERSION = '4.100.3';

export { projectRoot };
export const codeServerCacheDir = join(projectRoot, '.cache', 'code-server');
export const codeServerBinary = join(codeServerCacheDir, 'node_modules', '.bin', 'code-server');
export const chromiumBinary = '/usr/lib/chromium/chromium';
export const hostSuiteIndex = join(projectRoot, 'out', 'test', 'vscode', 'host', 'suite', 'index.js');
export const testResultsDir = join(projectRoot, 'test-results');

/** The environment variable naming the JSON file that tells the host suite where the emulator is (see testContext.ts). */
export const TEST_CONTEXT_ENV = 'NOTION_UPLOAD_TEST_CONTEXT';
