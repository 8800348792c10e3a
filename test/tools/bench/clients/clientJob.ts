// What the bench hands a client process (one JSON argument) and what the client prints back (one JSON line).
export interface ClientJob {
  apiBase: string;
  token: string;
  notionVersion: string;
  pageId: string;
  filePath: string;
  fileName: string;
  contentType: string;
  size: number;
  mode: 'single_part' | 'multi_part';
  partSize: number;
  partCount: number;
  partsInFlight: number;
  blockType: string;
  /** Over https: the CA that signed the emulator's certificate, the only extra one a client is told to trust. */
  caCertificatePath?: string;
}

export interface ClientOutcome {
  uploadId: string;
  blockId: string | null;
}

export function readJobArgument(): ClientJob {
  const raw = process.argv[2];
  if (!raw) throw new Error('expected the job as one JSON argument');
  return JSON.parse(raw) as ClientJob;
}

export function printOutcome(outcome: ClientOutcome): void {
  process.stdout.write(`${JSON.stringify(outcome)}\n`);
}

/** Runs `task` for every item with at most `limit` running at once. */
export async function forEachLimited<T>(items: T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await task(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

export function attachBlock(job: ClientJob, uploadId: string): Record<string, unknown> {
  const content: Record<string, unknown> = { type: 'file_upload', file_upload: { id: uploadId } };
  if (job.blockType === 'file') content.name = job.fileName;
  return { object: 'block', type: job.blockType, [job.blockType]: content };
}
