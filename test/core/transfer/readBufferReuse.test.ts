import { strict as assert } from 'node:assert';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent } from '../../../src/core/notion/undiciAgent';
import { fileRangeBody, type MultipartBody } from '../../../src/core/transfer/multipartBody';
import { ReadBufferPool } from '../../../src/core/transfer/readBufferPool';

const CHUNK = 256 * 1024;

class CountingPool extends ReadBufferPool {
  allocated = 0;
  override take(): Buffer {
    if (this.kept === 0) this.allocated++;
    return super.take();
  }
}

async function sha256Of(body: AsyncIterable<Uint8Array>): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of body) hash.update(chunk);
  return hash.digest('hex');
}

/** A server that reads each request slowly (pausing between reads), so the client's socket fills and its writes stay pending. */
function slowReader(received: string[]): Promise<Server> {
  return new Promise((resolve) => {
    const server = createServer((req: IncomingMessage, res) => {
      const hash = createHash('sha256');
      req.on('data', (chunk: Buffer) => {
        hash.update(chunk);
        req.pause();
        setTimeout(() => req.resume(), 2);
      });
      req.on('end', () => {
        received.push(hash.digest('hex'));
        res.end('{}');
      });
    });
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

describe('read buffers reused across a socket', () => {
  let dir: string;
  let path: string;
  let server: Server;
  const received: string[] = [];
  const agent = new Agent();

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'read-buffer-reuse-'));
    path = join(dir, 'data.bin');
    await writeFile(path, randomBytes(6 * 1024 * 1024 + 4321));
    server = await slowReader(received);
  });
  after(async () => {
    await agent.close();
    await new Promise((resolve) => server.close(resolve));
    await rm(dir, { recursive: true, force: true });
  });

  function body(pool?: ReadBufferPool, start = 1000, length = 5 * 1024 * 1024 + 77): MultipartBody {
    return fileRangeBody({ filePath: path, start, length, uploadName: 'data.bin', contentType: 'application/octet-stream', partNumber: 3, boundary: 'fixed-boundary', reuseReadBuffers: pool, readChunkBytes: CHUNK });
  }

  it('sends byte for byte what fresh buffers send, through a socket that keeps writes pending, with one buffer for twenty chunks', async () => {
    const expected = await sha256Of(body().chunks);
    const pool = new CountingPool(CHUNK, 4);
    const { port } = server.address() as AddressInfo;
    for (let round = 0; round < 2; round++) {
      const reused = body(pool);
      const response = await agent.request({
        origin: `http://127.0.0.1:${port}`, path: '/send', method: 'POST',
        headers: { 'content-type': reused.contentType, 'content-length': String(reused.contentLength) },
        body: reused.chunks as unknown as string,
      });
      await response.body.text();
      assert.equal(response.statusCode, 200);
    }
    assert.deepEqual(received, [expected, expected], 'the server received exactly the bytes of the range, both times');
    assert.equal(pool.allocated, 1, 'the first body allocated one buffer and the second reused it');
    assert.equal(pool.kept, 1, 'it was given back when the second body ended');
  });

  it('keeps pooled buffers from a body that stops half-way, and reads short chunks into buffers of their own', async () => {
    const pool = new CountingPool(CHUNK, 4);
    const chunks = body(pool).chunks[Symbol.asyncIterator]();
    await chunks.next(); // the form head
    const first = (await chunks.next()).value as Buffer;
    assert.equal(first.length, CHUNK);
    await chunks.return?.(undefined);
    assert.equal(pool.kept, 0, 'a consumer that stopped may still hold a chunk: nothing goes back to the pool');

    const seen: Buffer[] = [];
    for await (const chunk of body(pool, 0, CHUNK * 2 + 10).chunks) seen.push(chunk);
    const fileChunks = seen.slice(1, -1);
    assert.deepEqual(fileChunks.map((chunk) => chunk.length), [CHUNK, CHUNK, 10]);
    assert.equal(fileChunks[1].buffer, fileChunks[0].buffer, 'full chunks are read into the one pooled buffer in turn');
    assert.notEqual(fileChunks[2].buffer, fileChunks[0].buffer, 'a short chunk has a buffer of its own');
    assert.equal(pool.kept, 1);
  });
});
