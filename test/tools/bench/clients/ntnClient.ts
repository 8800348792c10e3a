// Notion's own CLI as a peer: `ntn files create` reads the file from stdin and uploads it (always multi_part, one
// part at a time as observed); it does not attach. It prints nothing on success, so the upload is the one new upload
// the emulator holds after the run.
import { runMeasured, ProcessFigures } from '../measuredRun';
import type { EmulatorHandle } from '../emulatorHandle';
import { ensureNtn } from '../ntnInstall';
import type { ClientJob, ClientOutcome } from './clientJob';

export async function runNtn(
  emulator: EmulatorHandle,
  job: ClientJob,
  scratchDir: string,
  timeoutMs: number,
): Promise<{ figures: ProcessFigures; outcome: ClientOutcome }> {
  const ntn = ensureNtn();
  const before = new Set((await emulator.uploads()).map((upload) => upload.id));
  const run = await runMeasured(ntn, ['files', 'create', '--filename', job.fileName, '--content-type', job.contentType], {
    scratchDir,
    stdinFile: job.filePath,
    timeoutMs,
    // HOME: ntn keeps its configuration there; a scratch one leaves the user's alone.
    env: { HOME: scratchDir, NOTION_API_BASE_URL: job.apiBase, NOTION_API_TOKEN: job.token, NOTION_API_VERSION: job.notionVersion },
  });
  if (run.exitCode !== 0) throw new Error(`ntn exited ${run.exitCode}: ${run.stderr.trim().split('\n').slice(-3).join(' | ')}`);
  const created = (await emulator.uploads()).filter((upload) => !before.has(upload.id));
  if (created.length !== 1) throw new Error(`ntn made ${created.length} uploads, expected one`);
  return { figures: run, outcome: { uploadId: created[0].id, blockId: null } };
}
