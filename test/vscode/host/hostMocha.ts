// Runs inside the extension host: every *.test.js under one folder with mocha, rejecting when any test fails, which
// makes the launcher exit with code 1. Each extensionTestsPath index (suite/, untrusted/) hands it its own folder.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type Mocha from 'mocha';
import { TEST_CONTEXT_ENV } from '../launch/paths';
import { readTestContext } from '../launch/testContext';

export async function runTestFilesUnder(folder: string): Promise<void> {
  // mocha's package entry is ESM; its CommonJS build loads in every extension host, Electron's Node included.
  const MochaClass = require('mocha/lib/mocha.cjs') as typeof Mocha;
  const mocha = new MochaClass({ ui: 'bdd', reporter: 'spec', color: false, timeout: 60_000 });
  const grep = process.env[TEST_CONTEXT_ENV] ? readTestContext().grep : undefined;
  if (grep) mocha.grep(grep);
  const testFiles = readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.test.js'))
    .sort();
  for (const file of testFiles) mocha.addFile(join(folder, file));
  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  if (failures > 0) throw new Error(`${failures} extension-host test(s) failed`);
}
