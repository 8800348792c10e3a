import { resolve } from 'node:path';
// The core's parts an upload needs, not core/index: that would load the Markdown parser too (markdownPages.ts).
import { connectionOptionsFromEnv, escapeControlCharacters, UploaderError, redactSecrets, SettingsError, terminalSafeJson } from '../core/light';
import { JsonFileSessionStore } from '../core/sessions/jsonFileSessionStore';
import { checkedStateFilePath } from '../core/sessions/stateFilePath';
import { StateFileUnusableError } from '../core/sessions/stateFileLock';
import { UploadManager } from '../core/sessions/uploadManager';
import type { SessionError, SessionStatus } from '../core/sessions/sessionStatus';
import type { StoredSession } from '../core/sessions/sessionStore';
import { parseCliArguments, UsageError } from './cliArguments';
import { collectFiles } from './collectFiles';
import { failureLine, fileReport, pageRefusedReport, refusedPathReport, summaryLine, unpublishedPageReport } from './fileReport';
import { finishedEarlier, SKIPPED_NOTICE, skippedReport } from './finishedFiles';
import { isMarkdownFile, publishMarkdownPages } from './markdownPages';
import { ProgressDisplay } from './progressDisplay';
import { checkTargetPage } from './targetPageCheck';
import { USAGE } from './usage';

export interface CliIo {
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  env: NodeJS.ProcessEnv;
  /** Registers a handler for Ctrl-C; returns how to unregister it. */
  onInterrupt(handler: () => void): () => void;
  /** Ends the process at once (a second Ctrl-C); absent where the CLI runs inside another program. */
  exitNow?(code: number): void;
}

/** The exit status of a run stopped by Ctrl-C before anything was sent, or ended by a second Ctrl-C (128 + SIGINT, as shells report it). */
export const EXIT_INTERRUPTED = 130;

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

/** The whole CLI run: arguments in, exit status out. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let options;
  try {
    options = parseCliArguments(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`notion-upload: ${escapeControlCharacters(error.message)}\nRun notion-upload --help for usage.\n`);
    return EXIT_USAGE;
  }
  if (options.help) {
    io.stdout.write(USAGE);
    return EXIT_OK;
  }
  const token = io.env.NOTION_TOKEN?.trim();
  if (!token) {
    io.stderr.write('notion-upload: set NOTION_TOKEN to the integration token (it is never taken as a flag, to keep it out of shell history).\n');
    return EXIT_USAGE;
  }

  const collected = await collectFiles(options.paths);
  for (const problem of collected.problems) {
    io.stderr.write(`notion-upload: ${escapeControlCharacters(problem.path)}: ${escapeControlCharacters(problem.reason)}\n`);
    // A reader of --json learns of every path given, not only of those that were sent.
    if (options.json) io.stdout.write(`${terminalSafeJson(refusedPathReport(problem.path, problem.reason))}\n`);
  }
  if (collected.files.length === 0) {
    io.stderr.write(collected.problems.length > 0
      ? 'notion-upload: nothing to upload: fix the paths above, then run again.\n'
      : 'notion-upload: nothing to upload: the paths given hold no files (inside folders, hidden entries and node_modules are skipped). Name a file, or a folder with files in it.\n');
    return EXIT_USAGE;
  }

  const markdownFiles = options.markdown === 'text' ? [] : collected.files.filter(isMarkdownFile);
  // When the run stops before anything is sent, each file that was to go gets its --json line all the same: file-shaped,
  // or page-shaped for a Markdown file to publish (as its line would be had it been published).
  const reportNotSent = (send: readonly string[], publish: readonly string[], error: SessionError, state: 'failed' | 'cancelled' = 'failed'): void => {
    for (const filePath of send) io.stdout.write(`${terminalSafeJson(pageRefusedReport(filePath, error, state))}\n`);
    for (const filePath of publish) io.stdout.write(`${terminalSafeJson(unpublishedPageReport(filePath, error, state))}\n`);
  };
  const allNotSent = (error: SessionError): void => {
    if (!options.json) return;
    reportNotSent(collected.files.filter((file) => !markdownFiles.includes(file)), options.markdown === 'page' ? markdownFiles : [], error);
  };

  let store: JsonFileSessionStore | undefined;
  if (options.statePath) {
    // Before any lock or write: the path is one regular file's, links followed, or the run stops here.
    try {
      store = new JsonFileSessionStore(await checkedStateFilePath(resolve(options.statePath)));
    } catch (error) {
      const refused = error instanceof UploaderError ? error : new StateFileUnusableError(resolve(options.statePath), error);
      io.stderr.write(`notion-upload: ${escapeControlCharacters(refused.message)}\n  what to do: ${escapeControlCharacters(refused.hint)}\n`);
      allNotSent({ code: refused.code, message: `${refused.message}; nothing was sent`, hint: refused.hint });
      return EXIT_USAGE;
    }
  }
  let manager: UploadManager;
  try {
    manager = new UploadManager({ token, settings: options.settings, connection: connectionOptionsFromEnv(io.env), store });
  } catch (error) {
    if (error instanceof SettingsError) {
      io.stderr.write(`notion-upload: ${escapeControlCharacters(error.message)}\n  what to do: ${escapeControlCharacters(error.hint)}\n`);
      return EXIT_USAGE;
    }
    throw error;
  }

  const ids: string[] = [];
  if (options.markdown === 'skip') for (const file of markdownFiles) io.stderr.write(`notion-upload: ${escapeControlCharacters(file)}: skipped (--markdown skip)\n`);
  try {
    if (store) {
      // Before any request: a state file that cannot be written, or that another run holds, stops the run here.
      try {
        const problems = await store.open({ exclusive: true });
        for (const problem of problems) io.stderr.write(`notion-upload: state file ${escapeControlCharacters(store.filePath)}: ${escapeControlCharacters(problem)}\n`);
      } catch (error) {
        if (!(error instanceof UploaderError)) throw error;
        io.stderr.write(`notion-upload: ${escapeControlCharacters(error.message)}\n  what to do: ${escapeControlCharacters(error.hint)}\n`);
        // Held by another run (state_file_busy: wait for it, or give this run its own --state), or not writable.
        allNotSent({ code: error.code, message: `${error.message}; nothing was sent`, hint: error.hint });
        return EXIT_USAGE;
      }
    }
    // Files an earlier run put on a page stay in the state file as finished records, so this run skips them.
    const finishedBefore = store ? (await store.load()).filter((record) => record.state === 'done' && record.blockId) : [];
    const skipped: StoredSession[] = [];
    const toSend: Array<{ filePath: string; asText: boolean }> = [];
    for (const filePath of collected.files) {
      if (markdownFiles.includes(filePath)) continue;
      const asText = options.asText || (options.markdown === 'text' && isMarkdownFile(filePath));
      const earlier = options.uploadAgain ? undefined : await finishedEarlier(finishedBefore, filePath, options.pageId, asText);
      if (earlier) skipped.push(earlier);
      else toSend.push({ filePath, asText });
    }
    const toPublish = options.markdown === 'page' ? markdownFiles : [];
    for (const record of skipped) {
      if (options.json) io.stdout.write(`${terminalSafeJson(skippedReport(record))}\n`);
      else io.stdout.write(`skipped ${escapeControlCharacters(record.filePath)}: ${SKIPPED_NOTICE}\n`);
    }

    // One read of the page before any byte goes, when any will: a page Notion cannot find, or a token, proxy or
    // certificate it refuses, stops the run here, each file that was to go reported failed with nothing sent.
    if (toSend.length > 0 || toPublish.length > 0) {
      const check = await checkTargetPage(manager.notionClient, options.pageId, { onInterrupt: io.onInterrupt, stderr: io.stderr });
      const notSent = toSend.map((file) => file.filePath);
      if (check === 'interrupted') {
        io.stderr.write('\nnotion-upload: stopped before anything was sent.\n');
        if (options.json) {
          reportNotSent(notSent, toPublish, {
            code: 'interrupted', message: `stopped on request (Ctrl-C or SIGTERM) while the target page ${options.pageId} was being checked; nothing was sent`,
            hint: 'Run the same command again.',
          }, 'cancelled');
        }
        return EXIT_INTERRUPTED;
      }
      if (check) {
        if (options.json) reportNotSent(notSent, toPublish, check);
        else for (const filePath of [...notSent, ...toPublish]) io.stderr.write(`${failureLine(filePath, check)}\n`);
        return EXIT_FAILED;
      }
    }
    const resumable = options.statePath ? await manager.resumeStored({ keepFinished: true }) : [];
    for (const { filePath, asText } of toSend) {
      const stored = resumable.find((status) => status.filePath === filePath && status.pageId === options.pageId);
      ids.push(stored ? manager.retry(stored.id, { computeSha256: options.json }).id : manager.add(filePath, options.pageId, { asText, computeSha256: options.json }).id);
    }

    const live = !options.json && io.stderr.isTTY ? new ProgressDisplay(io.stderr, () => ids.map((id) => manager.status(id)).filter((s): s is SessionStatus => !!s)) : undefined;
    live?.start();
    // The first Ctrl-C (or SIGTERM) stops after the requests under way; the second ends the process at once.
    const stop = new AbortController();
    const stopInterrupt = io.onInterrupt(() => {
      if (stop.signal.aborted) {
        io.stderr.write('\nnotion-upload: stopped at once; a request under way may or may not have reached Notion. Run the same command again to continue.\n');
        io.exitNow?.(EXIT_INTERRUPTED);
        return;
      }
      io.stderr.write('\nnotion-upload: cancelling after the requests under way (Ctrl-C again to stop at once)…\n');
      stop.abort();
      manager.cancelAll();
    });
    // One wait for the run's files, each one's --json line written as it finishes.
    const settled = await manager.whenAllSettled(ids, options.json ? (status) => io.stdout.write(`${terminalSafeJson(fileReport(status))}\n`) : undefined);
    const pagesFailed = options.markdown === 'page' && markdownFiles.length > 0
      ? await publishMarkdownPages(markdownFiles, manager, options.pageId, { json: options.json, statePath: options.statePath, token, stop: stop.signal }, io)
      : 0;
    stopInterrupt();
    live?.stop();
    for (const status of settled) {
      if (status.state !== 'done') continue;
      if (!store) {
        manager.remove(status.id);
        continue;
      }
      // Its record stays as the file's finished record; one an earlier run left for the same file and page is replaced.
      for (const old of finishedBefore) if (old.id !== status.id && old.filePath === status.filePath && old.pageId === status.pageId) await store.delete(old.id);
    }
    if (!options.json) for (const status of settled) (status.state === 'done' ? io.stdout : io.stderr).write(`${summaryLine(status)}\n`);
    const failed = settled.filter((status) => status.state !== 'done').length + collected.problems.length + pagesFailed;
    if (!options.json && settled.length > 1) io.stderr.write(`${settled.length - (failed - collected.problems.length - pagesFailed)} of ${settled.length} files uploaded.\n`);
    return failed > 0 ? EXIT_FAILED : EXIT_OK;
  } catch (error) {
    io.stderr.write(`notion-upload: ${escapeControlCharacters(redactSecrets(error instanceof Error ? error.message : String(error), token))}\n`);
    return EXIT_FAILED;
  } finally {
    await manager.dispose();
    await store?.close().catch(() => undefined);
  }
}
