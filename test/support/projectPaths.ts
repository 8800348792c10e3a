// Where the project's built pieces are, for tests and tools that start them as processes. This file runs from
// out/test/support/, three levels below the project root.
import { join, resolve } from 'node:path';

export const projectRoot = resolve(__dirname, '..', '..', '..');
/** The bundled CLI, the file users install. */
export const bundledCli = join(projectRoot, 'dist', 'cli.js');
/** The transpiled (unbundled) CLI entry, for tests that need source maps and quick rebuilds. */
export const transpiledCli = join(projectRoot, 'out', 'src', 'cli', 'main.js');
/** A transpiled file of src/, by its path under src/ without the extension. */
export function transpiledSource(pathUnderSrc: string): string {
  return join(projectRoot, 'out', 'src', `${pathUnderSrc}.js`);
}
