import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { UploadFailure } from '../errors/errors';
import { formatBytes } from '../rules/units';

/**
 * The largest Markdown file published as a page. The parser runs in one go on the process's only thread and cannot be
 * stopped part-way: past a megabyte or two of some shapes (a single enormous paragraph, a very wide table) it holds
 * the CLI, or the editor's extension host, for minutes and hundreds of megabytes. Real documents stay far below this.
 */
export const MAX_MARKDOWN_BYTES = 1024 * 1024;

/** The file's text, or a refusal that says what to do when it is larger than a page is published from. */
export async function readMarkdownWithinLimit(path: string): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    if (size > MAX_MARKDOWN_BYTES) {
      throw new UploadFailure('markdown_too_large',
        `${basename(path)} is ${size.toLocaleString('en-US')} bytes of Markdown; pages are published from files of up to ${formatBytes(MAX_MARKDOWN_BYTES)} (${MAX_MARKDOWN_BYTES.toLocaleString('en-US')} bytes).`,
        'Split it into smaller files and publish those, or send it as a text file instead of a page (the CLI\'s --markdown text; in VS Code, Upload to Notion and send it as .txt).');
    }
    return await handle.readFile('utf8');
  } finally {
    await handle.close();
  }
}
