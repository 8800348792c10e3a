// Files of one page are attached in batches: one append of up to 100 blocks, in the order the files were added, a lost
// answer checked per upload before anything is appended again, a file only waiting for its batch cancellable.
import { strict as assert } from 'node:assert';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MiB, UploadManager, type SessionStatus } from '../../../src/core';
import { writeRandomFile } from '../support/randomFile';
import { fastSettings, UploadHarness } from '../support/uploadHarness';
import { waitFor } from '../../support/waitFor';

describe('attaching files in batches', function () {
  const harness = new UploadHarness();
  const managers: UploadManager[] = [];
  // One emulator serves every test here, each with a manager of its own: Notion's per-token budget would carry
  // one test's requests into the next one's, so it is off (the benchmark's folder scenario runs under it).
  before(() => harness.setUp({ rateLimit: false }));
  after(async () => {
    await Promise.all(managers.map((manager) => manager.dispose()));
    await harness.tearDown();
  });
  beforeEach(() => harness.reset());

  function manager(settings: Record<string, unknown> = {}, attachBatching?: { maxChildren?: number; maxWaitMs?: number }): UploadManager {
    const made = new UploadManager({
      // A budget far above Notion's, so that no test waits for a rate window.
      token: harness.emulator.token, settings: { ...fastSettings, apiBase: harness.emulator.url, requestsPerMinute: 60_000, ...settings }, attachBatching,
    });
    managers.push(made);
    return made;
  }

  function newPage(title: string): string {
    return harness.emulator.addPage(title);
  }

  const appends = () => harness.emulator.requestLog().filter((entry) => entry.call === 'append');

  /** Small files named so that their sorted order is their index order; written in shuffled order. */
  async function smallFiles(prefix: string, count: number) {
    const order = Array.from({ length: count }, (_, index) => index).sort(() => Math.random() - 0.5);
    const files: Array<{ path: string; sha256: string; size: number }> = new Array(count);
    for (const index of order) files[index] = await writeRandomFile(harness.dir, `${prefix}-${String(index).padStart(3, '0')}.txt`, 512 + index * 37);
    return files;
  }

  /** Each file done, its bytes at the emulator, exactly one block of its upload on the page, the blocks in `expected` order. */
  function assertLanded(pageId: string, files: Array<{ sha256: string }>, settled: SessionStatus[], expectedOrder: number[]): void {
    const blocks = harness.emulator.blocks(pageId);
    settled.forEach((status, index) => {
      assert.equal(status.state, 'done', `${status.fileName}: ${JSON.stringify(status.error)}`);
      assert.equal(harness.emulator.upload(status.uploadId!)?.sha256, files[index].sha256, `${status.fileName} read back`);
      assert.deepEqual(blocks.filter((block) => block.uploadId === status.uploadId).map((block) => block.id), [status.blockId], `${status.fileName}: one block`);
    });
    assert.deepEqual(blocks.map((block) => settled.findIndex((status) => status.uploadId === block.uploadId)), expectedOrder, 'blocks in order');
  }

  it('150 files: ceil(150 / 100) = 2 appends, the blocks in the order the files were added, every file read back whole', async function () {
    this.timeout(120_000);
    const files = await smallFiles('batch', 150);
    const pageId = newPage('batch of 150');
    const uploads = manager({ filesInParallel: 4 });
    const ids = files.map((file) => uploads.add(file.path, pageId).id);
    const settled = await Promise.all(ids.map((id) => uploads.whenSettled(id)));
    assertLanded(pageId, files, settled, files.map((_, index) => index));
    assert.deepEqual(appends().map((entry) => entry.status), [200, 200], 'two appends');
    const creates = harness.emulator.requestLog().filter((entry) => entry.call === 'create').length;
    assert.equal(creates, 150);
  });

  it('a single file is attached at once, in an append of its own', async () => {
    const [file] = await smallFiles('single', 1);
    const pageId = newPage('single');
    const uploads = manager({}, { maxWaitMs: 60_000 });
    const started = Date.now();
    const settled = await uploads.whenSettled(uploads.add(file.path, pageId).id);
    assert.ok(Date.now() - started < 5_000, 'no wait for a batch');
    assertLanded(pageId, [file], [settled], [0]);
    assert.equal(appends().length, 1);
  });

  it('a batch append whose answer is lost (it stalls past the request timeout) is checked per upload: each block exactly once, no second append', async function () {
    this.timeout(60_000);
    const files = await smallFiles('stalled', 30);
    const pageId = newPage('stalled append');
    harness.emulator.addFault({ call: 'append', action: { kind: 'delay', ms: 3_000 } });
    const uploads = manager({ requestTimeoutMs: 1_500, filesInParallel: 4 });
    const ids = files.map((file) => uploads.add(file.path, pageId).id);
    const settled = await Promise.all(ids.map((id) => uploads.whenSettled(id)));
    assertLanded(pageId, files, settled, files.map((_, index) => index));
    assert.equal(appends().length, 1, 'the append that landed was not repeated');
    const retrieves = harness.emulator.requestLog().filter((entry) => entry.call === 'retrieve').length;
    assert.equal(retrieves, 30, 'each upload asked once whether it is attached');
  });

  it('a batch append answered 503 without saving is checked per upload, then sent once more: each block exactly once', async function () {
    this.timeout(60_000);
    const files = await smallFiles('unsaved', 20);
    const pageId = newPage('503 append');
    harness.emulator.addFault({ call: 'append', action: { kind: 'status', status: 503 } });
    const uploads = manager({ filesInParallel: 4 });
    const ids = files.map((file) => uploads.add(file.path, pageId).id);
    const settled = await Promise.all(ids.map((id) => uploads.whenSettled(id)));
    assertLanded(pageId, files, settled, files.map((_, index) => index));
    assert.deepEqual(appends().map((entry) => entry.status), [503, 200]);
  });

  it('a batch append answered 409 is retried after the check: one block per file, in order', async function () {
    this.timeout(60_000);
    const files = await smallFiles('conflict', 25);
    const pageId = newPage('409 append');
    harness.emulator.addFault({ call: 'append', times: 2, action: { kind: 'status', status: 409 } });
    const uploads = manager({ filesInParallel: 4 });
    const ids = files.map((file) => uploads.add(file.path, pageId).id);
    const settled = await Promise.all(ids.map((id) => uploads.whenSettled(id)));
    assertLanded(pageId, files, settled, files.map((_, index) => index));
    assert.deepEqual(appends().map((entry) => entry.status), [409, 409, 200]);
  });

  it('a batch Notion refuses as a whole (400: nothing added) is tried file by file, in order', async function () {
    this.timeout(60_000);
    const files = await smallFiles('refused', 5);
    const pageId = newPage('400 append');
    harness.emulator.addFault({ call: 'append', action: { kind: 'status', status: 400 } });
    const uploads = manager({ filesInParallel: 5 });
    const ids = files.map((file) => uploads.add(file.path, pageId).id);
    const settled = await Promise.all(ids.map((id) => uploads.whenSettled(id)));
    assertLanded(pageId, files, settled, [0, 1, 2, 3, 4]);
    assert.deepEqual(appends().map((entry) => entry.status), [400, 200, 200, 200, 200, 200]);
  });

  it('a batch append of which only the first blocks landed before its answer was lost: the rest go again, each block exactly once, in order', async function () {
    this.timeout(60_000);
    const files = await smallFiles('halfway', 10);
    const pageId = newPage('half a batch');
    const proxy = await halfBatchProxy(harness.emulator.url, 4);
    try {
      const uploads = manager({ apiBase: proxy.url, filesInParallel: 4 });
      const ids = files.map((file) => uploads.add(file.path, pageId).id);
      const settled = await Promise.all(ids.map((id) => uploads.whenSettled(id)));
      assertLanded(pageId, files, settled, files.map((_, index) => index));
      assert.equal(proxy.cut, 1, 'the proxy cut one append short');
      assert.deepEqual(appends().map((entry) => entry.status), [200, 200], 'the first four, then the six not attached');
      assert.equal(harness.emulator.requestLog().filter((entry) => entry.call === 'retrieve').length, 10, 'each upload of the batch asked once');
    } finally {
      await proxy.close();
    }
  });

  describe('behind a file that is still sending', () => {
    let slow: { path: string; sha256: string; size: number };
    before(async () => {
      slow = await writeRandomFile(harness.dir, 'slow-first.pdf', 21 * MiB); // five parts; the fifth is held back
    });

    it('files ready to attach wait for the earlier one, and one that only waits can be cancelled; the append keeps the order', async function () {
      this.timeout(60_000);
      const after = await smallFiles('behind', 3);
      const pageId = newPage('waiting behind');
      harness.emulator.addFault({ call: 'send', partNumber: 5, action: { kind: 'delay', ms: 2_500 } });
      const uploads = manager({ partSize: 5, filesInParallel: 4 }, { maxWaitMs: 60_000 });
      const first = uploads.add(slow.path, pageId).id;
      const ids = after.map((file) => uploads.add(file.path, pageId).id);
      await waitFor('the small files to be ready', () => ids.every((id) => uploads.status(id)?.state === 'attaching'));
      assert.match(uploads.status(ids[1])?.waiting ?? '', /waiting for 1 earlier file/);
      assert.equal(appends().length, 0, 'nothing appended while the first file sends');
      uploads.cancel(ids[1]);
      assert.equal((await uploads.whenSettled(ids[1])).state, 'cancelled');
      const settled = await Promise.all([first, ids[0], ids[2]].map((id) => uploads.whenSettled(id)));
      assertLanded(pageId, [slow, after[0], after[2]], settled, [0, 1, 2]);
      assert.equal(appends().length, 1);
      const cancelled = uploads.status(ids[1])!;
      assert.equal(harness.emulator.blocks(pageId).filter((block) => block.uploadId === cancelled.uploadId).length, 0, 'the cancelled file is not on the page');
    });

    it('past the longest wait the order is given up: the ready files are attached before the slow one', async function () {
      this.timeout(60_000);
      const after = await smallFiles('overtaking', 2);
      const pageId = newPage('max wait');
      harness.emulator.addFault({ call: 'send', partNumber: 5, action: { kind: 'delay', ms: 3_000 } });
      const uploads = manager({ partSize: 5, filesInParallel: 4 }, { maxWaitMs: 400 });
      const ids = [uploads.add(slow.path, pageId).id, ...after.map((file) => uploads.add(file.path, pageId).id)];
      const settled = await Promise.all(ids.map((id) => uploads.whenSettled(id)));
      assertLanded(pageId, [slow, ...after], settled, [1, 2, 0]);
      assert.equal(appends().length, 2);
    });

    it('a file whose block is already in an append under way is kept when cancelled', async function () {
      this.timeout(60_000);
      const files = await smallFiles('kept', 3);
      const pageId = newPage('kept');
      harness.emulator.addFault({ call: 'append', action: { kind: 'delay', ms: 1_000 } });
      const uploads = manager({ filesInParallel: 3 });
      const ids = files.map((file) => uploads.add(file.path, pageId).id);
      await waitFor('every file to be ready', () => ids.every((id) => uploads.status(id)?.state === 'attaching'));
      await new Promise((resolve) => setTimeout(resolve, 200)); // the append (held 1 s) is under way
      uploads.cancel(ids[2]);
      const settled = await Promise.all(ids.map((id) => uploads.whenSettled(id)));
      assertLanded(pageId, files, settled, [0, 1, 2]);
      assert.match(settled[2].notice ?? '', /already being added to the page/);
    });
  });
});

/**
 * A hostile server in front of the emulator: the first append of more than `landed` blocks reaches Notion with only its
 * first `landed` children, and its answer never comes back (the connection is dropped): half a batch attached, the
 * client unable to tell. Everything else passes through.
 */
async function halfBatchProxy(target: string, landed: number): Promise<{ url: string; cut: number; close(): Promise<void> }> {
  const upstream = new URL(target);
  const state = { cut: 0 };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      let body = Buffer.concat(chunks);
      let dropAnswer = false;
      if (state.cut === 0 && req.method === 'PATCH' && /\/children$/.test(req.url ?? '')) {
        const parsed = JSON.parse(body.toString('utf8')) as { children: unknown[] };
        if (parsed.children.length > landed) {
          parsed.children = parsed.children.slice(0, landed);
          body = Buffer.from(JSON.stringify(parsed));
          dropAnswer = true;
          state.cut += 1;
        }
      }
      const forwarded = request({
        host: upstream.hostname, port: upstream.port, path: req.url, method: req.method,
        headers: { ...req.headers, host: upstream.host, 'content-length': String(body.length) },
      }, (answer) => {
        if (dropAnswer) {
          answer.resume();
          answer.on('end', () => req.socket.destroy());
          return;
        }
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      forwarded.on('error', () => res.destroy());
      forwarded.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get cut() {
      return state.cut;
    },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
