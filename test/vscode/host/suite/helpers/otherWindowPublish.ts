// Another VS Code window publishing a Markdown file, as a Node process of its own: the same publish and the same
// shared store (records and lock in the extension's global storage) the extension uses. Arguments: the global storage
// folder, the Markdown file, the target page; the emulator's address and token come in NOTION_API_BASE and
// NOTION_TOKEN. Prints the result as one JSON line.
import { join } from 'node:path';
import { NotionClient } from '../../../../../src/core';
import { JsonFilePublishStore, publishMarkdown } from '../../../../../src/core/markdown/index';
import { PUBLISH_RECORDS_FILE, SharedPublishStore } from '../../../../../src/vscode/sharedPublishStore';

async function main(): Promise<void> {
  const [storage, markdownPath, pageId] = process.argv.slice(2);
  const client = new NotionClient({ token: process.env.NOTION_TOKEN ?? '', apiBase: process.env.NOTION_API_BASE });
  try {
    const result = await publishMarkdown(markdownPath, pageId, {
      client, store: new SharedPublishStore(new JsonFilePublishStore(join(storage, PUBLISH_RECORDS_FILE))),
      upload: () => Promise.reject(new Error('this file names no local files')),
    });
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await client.close();
  }
}

main().catch((error: Error) => {
  process.stderr.write(`${error.message}\n`);
  process.exitCode = 1;
});
