// The official SDK's whole round trip through the emulator: single_part and multi_part uploads, complete, retrieve,
// list, attach to the shared page and read back, with the stored bytes checked by sha256.
import { Client } from '@notionhq/client';
import assert from 'node:assert/strict';
import { openAsBlob } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { start, type Emulator } from './index';
import { writeGeneratedFile } from './support/generatedBytes';

const MiB = 1024 * 1024;

describe('emulator conformance with @notionhq/client', () => {
  let emulator: Emulator;
  let notion: Client;
  let dir: string;

  before(async () => {
    emulator = await start();
    notion = new Client({ auth: emulator.token, baseUrl: emulator.url, notionVersion: '2026-03-11' });
    dir = await mkdtemp(join(tmpdir(), 'emulator-conformance-'));
  });

  after(async () => {
    await emulator.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('reports the plan limit and finds the shared page', async () => {
    const me = await notion.users.me({});
    assert.equal(me.type, 'bot');
    assert.equal((me as { bot: { workspace_limits: { max_file_upload_size_in_bytes: number } } }).bot.workspace_limits.max_file_upload_size_in_bytes, 5 * 1024 * MiB);
    const found = await notion.search({ query: 'upload', filter: { property: 'object', value: 'page' } });
    assert.deepEqual(found.results.map((page) => page.id), [emulator.pageId]);
    const page = await notion.pages.retrieve({ page_id: emulator.pageId.replace(/-/g, '') });
    assert.equal(page.id, emulator.pageId);
  });

  it('uploads single_part and multi_part, attaches both and reads them back', async () => {
    const imagePath = join(dir, 'pixel.png');
    const imageSha = await writeGeneratedFile(imagePath, 200 * 1024);
    const image = await notion.fileUploads.create({ filename: 'pixel.png', content_type: 'image/png' });
    assert.equal(image.status, 'pending');
    assert.ok(image.upload_url);
    const imageBlob = await openAsBlob(imagePath, { type: 'image/png' });
    const imageSent = await notion.fileUploads.send({ file_upload_id: image.id, file: { filename: 'pixel.png', data: imageBlob } });
    assert.equal(imageSent.status, 'uploaded');
    assert.equal(imageSent.content_length, 200 * 1024);
    assert.equal(emulator.upload(image.id)?.sha256, imageSha);

    const videoSize = 23 * MiB + 12345;
    const partSize = 10 * MiB;
    const videoPath = join(dir, 'clip.mp4');
    const videoSha = await writeGeneratedFile(videoPath, videoSize);
    const parts = Math.ceil(videoSize / partSize);
    const video = await notion.fileUploads.create({ mode: 'multi_part', filename: 'clip.mp4', content_type: 'video/mp4', number_of_parts: parts });
    assert.deepEqual(video.number_of_parts, { total: 3, sent: 0 });
    const videoBlob = await openAsBlob(videoPath, { type: 'video/mp4' });
    for (const partNumber of [2, 1, 3]) {
      const slice = videoBlob.slice((partNumber - 1) * partSize, Math.min(partNumber * partSize, videoSize), 'video/mp4');
      const sent = await notion.fileUploads.send({ file_upload_id: video.id, file: { filename: 'clip.mp4', data: slice }, part_number: String(partNumber) });
      assert.equal(sent.status, 'pending');
    }
    const beforeComplete = await notion.fileUploads.retrieve({ file_upload_id: video.id });
    assert.deepEqual(beforeComplete.number_of_parts, { total: 3, sent: 3 });
    assert.equal(beforeComplete.content_length, videoSize);
    const completed = await notion.fileUploads.complete({ file_upload_id: video.id });
    assert.equal(completed.status, 'uploaded');
    assert.equal(completed.complete_url, undefined);
    assert.equal(emulator.upload(video.id)?.sha256, videoSha);

    const listed = await notion.fileUploads.list({ status: 'uploaded' });
    assert.deepEqual(listed.results.map((upload) => upload.id), [video.id, image.id]);

    const appended = await notion.blocks.children.append({
      block_id: emulator.pageId,
      children: [
        { type: 'image', image: { type: 'file_upload', file_upload: { id: image.id }, caption: [] } },
        { type: 'video', video: { type: 'file_upload', file_upload: { id: video.id } } },
      ],
      position: { type: 'end' },
    });
    assert.equal(appended.results.length, 2);

    const children = await notion.blocks.children.list({ block_id: emulator.pageId });
    assert.deepEqual(children.results.map((block) => ('type' in block ? block.type : '')), ['image', 'video']);
    for (const block of children.results) {
      assert.ok('type' in block && (block.type === 'image' || block.type === 'video'));
      const media = block.type === 'image' ? block.image : block.video;
      assert.equal(media.type, 'file');
      assert.ok(media.type === 'file' && media.file.url.startsWith('https://') && media.file.expiry_time);
    }
    const attached = await notion.fileUploads.retrieve({ file_upload_id: image.id });
    assert.equal(attached.expiry_time, null);
    assert.deepEqual(emulator.blocks(emulator.pageId).map((block) => block.uploadId), [image.id, video.id]);
  });
});
