// A part read from disk in large chunks goes to a TLS socket in smaller writes: the socket holds each write's
// ciphertext until the kernel takes it, once per part in flight. Over http the chunks go as they were read.
import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, type Dispatcher } from 'undici';
import { NotionClient } from '../../../src/core';
import { fileRangeBody } from '../../../src/core/transfer/multipartBody';
import { READ_CHUNK_BYTES } from '../../../src/core/transfer/readChunkBytes';
import { inWritesOfAtMost, TLS_WRITE_BYTES } from '../../../src/core/notion/tlsWrites';
import { start, type Emulator } from '../../emulator/index';
import { writeRandomFile } from '../support/randomFile';

async function* chunksOf(...sizes: number[]): AsyncGenerator<Uint8Array> {
  let next = 0;
  for (const size of sizes) yield Uint8Array.from({ length: size }, () => next++ % 251);
}

/** A real undici Agent that writes down the length of every chunk of every request body it is given. */
class RecordingAgent extends Agent {
  readonly chunkLengths: number[] = [];

  override dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
    const body = options.body as unknown;
    if (body && typeof body === 'object' && Symbol.asyncIterator in body) {
      const lengths = this.chunkLengths;
      const recorded = (async function* () {
        for await (const chunk of body as AsyncIterable<Uint8Array>) {
          lengths.push(chunk.length);
          yield chunk;
        }
      })();
      return super.dispatch({ ...options, body: recorded as unknown as Dispatcher.DispatchOptions['body'] }, handler);
    }
    return super.dispatch(options, handler);
  }
}

describe('writes to a TLS socket', () => {
  it('cuts larger chunks into views of at most the given length, the same bytes in the same order', async () => {
    const pieces: Uint8Array[] = [];
    for await (const piece of inWritesOfAtMost(chunksOf(10, 300, 256, 0, 257), 128)) pieces.push(piece);
    assert.deepEqual(pieces.map((piece) => piece.length), [10, 128, 128, 44, 128, 128, 0, 128, 128, 1]);
    const whole = Buffer.concat(pieces);
    let expected = Buffer.alloc(0);
    for await (const chunk of chunksOf(10, 300, 256, 0, 257)) expected = Buffer.concat([expected, chunk]);
    assert.equal(createHash('sha256').update(whole).digest('hex'), createHash('sha256').update(expected).digest('hex'));
  });

  it('asks for the next chunk only once every piece of the one before was taken', async () => {
    const asked: string[] = [];
    async function* source(): AsyncGenerator<Uint8Array> {
      asked.push('first');
      yield new Uint8Array(300);
      asked.push('second');
      yield new Uint8Array(5);
    }
    const pieces = inWritesOfAtMost(source(), 128);
    for (let taken = 0; taken < 3; taken += 1) await pieces.next();
    assert.deepEqual(asked, ['first']);
    await pieces.next();
    assert.deepEqual(asked, ['first', 'second']);
  });

  describe('a part sent to the emulator', () => {
    let dir: string;
    before(async () => (dir = await mkdtemp(join(tmpdir(), 'tls-writes-'))));
    after(() => rm(dir, { recursive: true, force: true }));

    async function sendWhole(emulator: Emulator, agent: RecordingAgent, size: number): Promise<void> {
      const file = await writeRandomFile(dir, 'part.png', size);
      const client = new NotionClient({ token: emulator.token, apiBase: emulator.url, dispatcher: agent });
      const upload = await client.createFileUpload({ mode: 'single_part', filename: 'part.png', contentType: 'image/png' });
      await client.sendFileUpload(upload.id, () => fileRangeBody({ filePath: file.path, start: 0, length: size, uploadName: 'part.png', contentType: 'image/png' }));
      assert.equal(emulator.upload(upload.id)?.sha256, file.sha256, 'the emulator holds other bytes');
    }

    it(`over https: no write is longer than ${TLS_WRITE_BYTES / 1024} KiB, and the emulator holds the file's bytes`, async () => {
      const emulator = await start({ tls: true });
      const agent = new RecordingAgent({ connect: { ca: emulator.caCertificate } });
      try {
        await sendWhole(emulator, agent, 3 * READ_CHUNK_BYTES + 1000);
        assert.ok(agent.chunkLengths.length > 0, 'no body chunk was recorded');
        assert.equal(Math.max(...agent.chunkLengths), TLS_WRITE_BYTES);
      } finally {
        await agent.close();
        await emulator.stop();
      }
    });

    it('over http: the chunks go as they were read from disk', async () => {
      const emulator = await start();
      const agent = new RecordingAgent();
      try {
        await sendWhole(emulator, agent, 3 * READ_CHUNK_BYTES + 1000);
        assert.equal(Math.max(...agent.chunkLengths), READ_CHUNK_BYTES);
      } finally {
        await agent.close();
        await emulator.stop();
      }
    });
  });
});
