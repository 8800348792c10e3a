// The entry VS Code calls inside the extension host (extensionTestsPath) for the main run, workspace trust off: every
// *.test.js next to this file.
import { runTestFilesUnder } from '../hostMocha';

export function run(): Promise<void> {
  return runTestFilesUnder(__dirname);
}
