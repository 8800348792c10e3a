// Where the test host's pieces live. This file runs from out/test/host/, three levels below the project root.
import { join, resolve } from 'node:path';

export const CODE_SERVER_VERSION = '4.100.3';

export const projectRoot = resolve(__dirname, '..', '..', '..');
export const codeServerCacheDir = join(projectRoot, '.cache', 'code-server');
export const codeServerBinary = join(codeServerCacheDir, 'node_modules', '.bin', 'code-server');
export const chromiumBinary = '/usr/lib/chromium/chromium';
export const hostSuiteIndex = join(projectRoot, 'out', 'test', 'host', 'suite', 'index.js');
export const testResultsDir = join(projectRoot, 'test-results');

/** The environment variable naming the JSON file that tells the host suite where the emulator is (see testContext.ts). */
export const TEST_CONTEXT_ENV = 'NOTION_UPLOAD_TEST_CONTEXT';
