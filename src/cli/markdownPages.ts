// `--markdown page`: each .md file becomes a child page of --page, its local images and files uploaded through the
// same manager (one request budget), and the record of which page it became kept in a small JSON file so that
// publishing it again updates that page.
import { dirname, join, relative, resolve } from 'node:path';
import { describeError, escapeControlCharacters, NotionApiError, redactSecrets, terminalSafeJson, UploaderError } from '../core/light';
import type { UploadManager } from '../core/sessions/uploadManager';
import { publishedPageReport, unpublishedPageReport } from './fileReport';
import type { CliIo } from './runCli';

export const PAGES_FILE = '.notion-upload-pages.json';

export function isMarkdownFile(path: string): boolean {
  return /\.(md|markdown|mdown|mkd)$/i.test(path);
}

/** Beside the state file when there is one (--state / --resume), else in the current folder. */
export function pagesFilePath(statePath: string | null): string {
  return statePath ? join(dirname(resolve(statePath)), PAGES_FILE) : resolve(PAGES_FILE);
}

/** Publishes each file in turn; returns how many failed. */
export async function publishMarkdownPages(files: readonly string[], manager: UploadManager, pageId: string,
  options: { json: boolean; statePath: string | null; token: string; stop?: AbortSignal }, io: CliIo): Promise<number> {
  // Loaded here, not with the CLI: the Markdown parser and YAML are a bundle of their own (markdown.js, see
  // esbuild.mjs) that a run without .md files never loads.
  const { detachedUploader, JsonFilePublishStore, publishMarkdown }: typeof import('../core/markdown/index') = require('../core/markdown/index');
  const store = new JsonFilePublishStore(pagesFilePath(options.statePath));
  const upload = detachedUploader(manager, pageId);
  let failed = 0;
  for (const [index, file] of files.entries()) {
    // Every line names things from the file system or from the Markdown file (its title, image paths): escaped, so a
    // name holding terminal escapes (clear screen, OSC 52 clipboard writes) prints as text.
    const shown = escapeControlCharacters(relative(process.cwd(), file) || file);
    if (options.stop?.aborted) {
      // Stopped on request (Ctrl-C): the files not begun are named once, not tried.
      const rest = files.slice(index);
      failed += rest.length;
      if (options.json) for (const path of rest) io.stdout.write(`${terminalSafeJson(unpublishedPageReport(path, { message: 'stopped on request before it began' }, 'cancelled'))}\n`);
      else io.stderr.write(`notion-upload: stopped on request; not begun: ${rest.map((path) => escapeControlCharacters(relative(process.cwd(), path) || path)).join(', ')}\n`);
      break;
    }
    try {
      // Files beside or below the current folder (or the Markdown file's own folder when it lies elsewhere).
      const inCwd = !relative(process.cwd(), file).startsWith('..');
      const result = await publishMarkdown(file, pageId, { client: manager.notionClient, upload, store, allowedRoot: inCwd ? process.cwd() : dirname(file), stop: options.stop });
      for (const warning of result.warnings) io.stderr.write(`notion-upload: ${shown}: ${escapeControlCharacters(warning)}\n`);
      if (options.json) {
        io.stdout.write(`${terminalSafeJson(publishedPageReport(file, result))}\n`);
      } else {
        const files = result.uploaded.length + result.reused.length;
        const counted = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;
        io.stdout.write(`${shown} → ${result.updated ? 'updated' : 'published'} "${escapeControlCharacters(result.title)}" ${escapeControlCharacters(result.url)} (${counted(result.blocks, 'block')}, ${counted(files, 'local file')}: ${result.uploaded.length} uploaded, ${result.reused.length} unchanged)\n`);
      }
    } catch (error) {
      failed += 1;
      const message = redactSecrets(describeError(error), options.token);
      if (options.json) {
        // The code (and Notion's status, the hint) as an upload's line carries them, for a program to act on.
        const known = error instanceof UploaderError ? error : undefined;
        const status = error instanceof NotionApiError ? error.status : undefined;
        const report = unpublishedPageReport(file, { message, code: known?.code, status, hint: known?.hint }, known?.code === 'publish_stopped' ? 'cancelled' : 'failed');
        io.stdout.write(`${terminalSafeJson(report)}\n`);
      }
      else io.stderr.write(`notion-upload: ${shown}: not published: ${escapeControlCharacters(message)}\n`);
    }
  }
  return failed;
}
