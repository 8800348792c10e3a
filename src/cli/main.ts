import './memoryFlags'; // first: before any code V8 could compile runs
import { escapeControlCharacters, redactSecrets } from '../core/light';
import { runCli } from './runCli';
import { OldGenerationTrim } from './oldGenerationTrim';

new OldGenerationTrim().every(1000);

runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  onInterrupt: (handler) => {
    process.on('SIGINT', handler);
    process.on('SIGTERM', handler);
    return () => {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    };
  },
  exitNow: (code) => process.exit(code),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`notion-upload: unexpected failure: ${escapeControlCharacters(redactSecrets(error instanceof Error ? error.message : String(error), process.env.NOTION_TOKEN))}\n`);
    process.exitCode = 1;
  },
);
