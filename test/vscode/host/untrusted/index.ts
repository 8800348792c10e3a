// The entry VS Code calls inside the extension host (extensionTestsPath) for the run with workspace trust on and the
// folder untrusted (Restricted Mode): every *.test.js next to this file.
import { runTestFilesUnder } from '../hostMocha';

export function run(): Promise<void> {
  return runTestFilesUnder(__dirname);
}
