// The CLI bundle's stand-in for node:fs/promises (src/cli/fsPromisesOverCallbacks.ts) against Node's own, on real
// files: the same results and the same errors, and every FileHandle method src/ calls.
import { strict as assert } from 'node:assert';
import { constants } from 'node:fs';
import * as nodeFs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as standIn from '../../src/cli/fsPromisesOverCallbacks';
import { projectRoot } from '../support/projectPaths';

const implementations = [
  { name: "Node's fs/promises", fs: nodeFs as unknown as typeof standIn },
  { name: 'the stand-in', fs: standIn },
];

function tsFilesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? tsFilesUnder(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** What each implementation does with the same folder, step by step (errors by their code). */
async function walkThrough(fs: typeof standIn, dir: string): Promise<unknown[]> {
  const seen: unknown[] = [];
  const code = (error: unknown): string => (error as NodeJS.ErrnoException).code ?? String(error);
  const file = join(dir, 'sub', 'data.bin');
  seen.push(await fs.mkdir(join(dir, 'sub'), { recursive: true }).then(() => 'made'));
  await fs.writeFile(file, Buffer.from('0123456789abcdef'));
  const reader = await fs.open(file, constants.O_RDONLY | constants.O_NONBLOCK);
  const buffer = Buffer.alloc(6);
  const { bytesRead } = await reader.read(buffer, 0, 6, 4);
  seen.push(bytesRead, buffer.toString('latin1'), (await reader.stat()).size);
  seen.push((await reader.read(buffer, 0, 6, null)).bytesRead, buffer.toString('latin1'));
  await reader.close();
  const appender = await fs.open(file, 'a');
  await appender.write(Buffer.from('XYZ'));
  await appender.close();
  seen.push(await fs.readFile(file, 'utf8'));
  const exclusive = await fs.open(join(dir, 'sub', 'lock'), 'wx');
  await exclusive.writeFile('é held', 'utf8');
  await exclusive.close();
  seen.push(readFileSync(join(dir, 'sub', 'lock'), 'utf8'));
  seen.push(await fs.open(join(dir, 'sub', 'lock'), 'wx').then(() => 'opened', code));
  seen.push((await fs.stat(file)).size, typeof (await fs.statfs(file)).type);
  seen.push(await fs.access(file, constants.R_OK).then(() => 'readable'));
  seen.push((await fs.readdir(join(dir, 'sub'), { withFileTypes: true, encoding: 'buffer' })).map((entry) => `${entry.name.toString('utf8')}:${entry.isFile()}`).sort());
  await fs.rename(file, join(dir, 'sub', 'moved.bin'));
  await fs.unlink(join(dir, 'sub', 'lock'));
  await fs.rm(join(dir, 'sub', 'missing'), { force: true });
  seen.push(readdirSync(join(dir, 'sub')).sort());
  for (const missing of [() => fs.open(join(dir, 'nope')), () => fs.stat(join(dir, 'nope')), () => fs.readFile(join(dir, 'nope'), 'utf8'), () => fs.unlink(join(dir, 'nope'))]) {
    seen.push(await missing().then(() => 'found', code));
  }
  await fs.rm(join(dir, 'sub'), { recursive: true, force: true });
  return seen;
}

describe('CLI: fs/promises stand-in', () => {
  it("does what Node's fs/promises does, on real files", async () => {
    const results = [];
    for (const { name, fs } of implementations) {
      const dir = await nodeFs.mkdtemp(join(tmpdir(), 'fs-stand-in-'));
      try {
        results.push({ name, seen: await walkThrough(fs, dir) });
      } finally {
        await nodeFs.rm(dir, { recursive: true, force: true });
      }
    }
    assert.deepEqual(results[1].seen, results[0].seen);
    assert.equal(results[0].seen[1], 6, 'the walk reads what it wrote');
  });

  it('has every FileHandle method that src/ calls', async () => {
    const dir = await nodeFs.mkdtemp(join(tmpdir(), 'fs-stand-in-'));
    const handle = await nodeFs.open(join(dir, 'x'), 'w');
    // Its prototype's methods and the ones Node sets on each handle (close, in Node 20).
    const own = Object.getOwnPropertyNames(handle).filter((name) => typeof (handle as unknown as Record<string, unknown>)[name] === 'function');
    const fileHandleMethods = new Set([...Object.getOwnPropertyNames(Object.getPrototypeOf(handle)), ...own]);
    await handle.close();
    await nodeFs.rm(dir, { recursive: true, force: true });
    // Any method call in a file that imports fs/promises, with a FileHandle method's name (an overestimate).
    const called = new Set<string>();
    for (const file of [...tsFilesUnder(join(projectRoot, 'src', 'core')), ...tsFilesUnder(join(projectRoot, 'src', 'cli'))]) {
      if (file.endsWith('fsPromisesOverCallbacks.ts')) continue;
      const text = readFileSync(file, 'utf8');
      if (!/from 'node:fs\/promises'|require\('node:fs\/promises'\)/.test(text)) continue;
      for (const match of text.matchAll(/\.(\w+)\(/g)) if (fileHandleMethods.has(match[1]) && match[1] !== 'constructor') called.add(match[1]);
    }
    assert.ok(called.has('read') && called.has('close'), `found: ${[...called].join(', ')}`);
    const missing = [...called].filter((name) => !(standIn.CallbackFileHandle.methods as readonly string[]).includes(name));
    assert.deepEqual(missing, []);
  });
});
