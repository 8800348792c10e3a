// One "VS Code window" for the shared publish store's tests, as a process of its own: `lock <folder> <file>` takes the
// publish lock of that Markdown file as the extension does and holds it until killed; `get <folder> <file>` prints the
// file's record. Each prints one JSON line.
import { JsonFilePublishStore, publishKey, PublishBusyError } from '../../../../src/core/markdown/index';
import { PUBLISH_RECORDS_FILE, SharedPublishStore } from '../../../../src/vscode/sharedPublishStore';
import { join } from 'node:path';

const TARGET = '0a1b2c3d4e5f60718293a4b5c6d7e8f9';

async function main(): Promise<void> {
  const [mode, folder, markdownPath] = process.argv.slice(2);
  const store = new SharedPublishStore(new JsonFilePublishStore(join(folder, PUBLISH_RECORDS_FILE)));
  const key = publishKey(markdownPath, TARGET);
  if (mode === 'get') {
    process.stdout.write(`${JSON.stringify({ record: (await store.get(key)) ?? null })}\n`);
    return;
  }
  try {
    await store.lock(key, markdownPath);
  } catch (error) {
    if (!(error instanceof PublishBusyError)) throw error;
    process.stdout.write(`${JSON.stringify({ busy: error.message, hint: error.hint })}\n`);
    return;
  }
  await store.set(key, { pageId: `page-of-${process.pid}`, title: 'Shared', files: {}, publishedAt: Date.now(), complete: false });
  process.stdout.write(`${JSON.stringify({ held: process.pid })}\n`);
  setInterval(() => undefined, 1000); // held until killed
}

void main();
