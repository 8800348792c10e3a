// A small workspace generated at run time for the host and UI suites: files of types Notion accepts, a nested folder,
// a type Notion refuses, a .gitignore'd folder, and one file large enough that its progress can be watched.
// Contents are random so every upload can be checked by sha256.
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Relative paths of the generated files, by what they are for. */
export const sampleFiles = {
  text: 'hello.txt',
  json: 'docs/report.json',
  nestedText: 'docs/notes/todo.txt',
  svg: 'docs/notes/diagram.svg',
  refusedType: 'src/script.ts',
  gitignored: 'build/output.txt',
  large: 'dataset.txt',
} as const;

/**
 * Big enough to watch a throttled upload move and cancel it even after the socket buffers have swallowed the first
 * few MiB at once; small enough to stay a single-part upload (at most 20 MiB).
 */
export const LARGE_FILE_BYTES = 16 * 1024 * 1024;

function textOfSize(bytes: number): string {
  return randomBytes(Math.ceil(bytes / 2)).toString('hex').slice(0, bytes);
}

export function createSampleWorkspace(folder: string): void {
  const contents: Record<string, string> = {
    [sampleFiles.text]: `Hello from the sample workspace.\n${textOfSize(2000)}\n`,
    [sampleFiles.json]: JSON.stringify({ id: textOfSize(16), values: [...randomBytes(64)] }, null, 2),
    [sampleFiles.nestedText]: `${textOfSize(4000)}\n`,
    [sampleFiles.svg]: `<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><desc>${textOfSize(32)}</desc></svg>\n`,
    [sampleFiles.refusedType]: `export const value = '${textOfSize(32)}';\n`,
    [sampleFiles.gitignored]: `${textOfSize(100)}\n`,
    [sampleFiles.large]: textOfSize(LARGE_FILE_BYTES),
    '.gitignore': 'build/\n',
  };
  for (const [relativePath, content] of Object.entries(contents)) {
    const file = join(folder, relativePath);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
}
