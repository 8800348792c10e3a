// The entry VS Code calls inside the extension host (extensionTestsPath): runs every *.test.js next to this file with
// mocha and rejects when any test fails, which makes the launcher exit with code 1.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type Mocha from 'mocha';
import { readTestContext } from '../testContext';

export async function run(): Promise<void> {
  // mocha's package entry is ESM; its CommonJS build loads in every extension host, Electron's Node included.
  const MochaClass = require('mocha/lib/mocha.cjs') as typeof Mocha;
  const mocha = new MochaClass({ ui: 'bdd', reporter: 'spec', color: false, timeout: 60_000 });
  const grep = process.env.NOTION_UPLOAD_TEST_CONTEXT ? readTestContext().grep : undefined;
  if (grep) mocha.grep(grep);
  const testFiles = readdirSync(__dirname, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.test.js'))
    .sort();
  for (const file of testFiles) mocha.addFile(join(__dirname, file));
  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  if (failures > 0) throw new Error(`${failures} extension-host test(s) failed`);
}
