// The seed's legacy path, reproduced from its design notes: 5 MB chunks, each read whole into memory, sent one after
// another, with an artificial pause between them (300 ms, or 1000 ms for a large file). The notes do not say where
// "large" starts; this takes the single-part limit (20 MiB). Every file goes multi-part, as the legacy chunking did.
import { open } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { attachBlock, ClientJob, printOutcome, readJobArgument } from './clientJob';

const CHUNK_SIZE = 5 * 1024 * 1024;
const LARGE_FILE_ABOVE = 20 * 1024 * 1024;

async function notionJson(job: ClientJob, method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(`${job.apiBase}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${job.token}`,
      'notion-version': job.notionVersion,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const parsed = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${String(parsed.message)}`);
  return parsed;
}

async function sendChunk(job: ClientJob, uploadId: string, partNumber: number, chunk: Buffer): Promise<void> {
  const form = new FormData();
  form.append('part_number', String(partNumber));
  form.append('file', new Blob([chunk], { type: job.contentType }), job.fileName);
  const response = await fetch(`${job.apiBase}/v1/file_uploads/${uploadId}/send`, {
    method: 'POST',
    headers: { authorization: `Bearer ${job.token}`, 'notion-version': job.notionVersion },
    body: form,
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`send part ${partNumber}: ${response.status} ${text}`);
}

async function main(): Promise<void> {
  const job = readJobArgument();
  const chunkCount = Math.ceil(job.size / CHUNK_SIZE);
  const pauseMs = job.size > LARGE_FILE_ABOVE ? 1000 : 300;

  const upload = await notionJson(job, 'POST', '/v1/file_uploads', {
    mode: 'multi_part',
    filename: job.fileName,
    content_type: job.contentType,
    number_of_parts: chunkCount,
  });
  const uploadId = String(upload.id);

  const file = await open(job.filePath, 'r');
  try {
    for (let index = 0; index < chunkCount; index++) {
      if (index > 0) await sleep(pauseMs);
      const start = index * CHUNK_SIZE;
      const chunk = Buffer.alloc(Math.min(CHUNK_SIZE, job.size - start));
      const { bytesRead } = await file.read(chunk, 0, chunk.length, start);
      if (bytesRead !== chunk.length) throw new Error(`short read at ${start}`);
      await sendChunk(job, uploadId, index + 1, chunk);
    }
  } finally {
    await file.close();
  }

  await notionJson(job, 'POST', `/v1/file_uploads/${uploadId}/complete`);
  const appended = await notionJson(job, 'PATCH', `/v1/blocks/${job.pageId}/children`, {
    children: [attachBlock(job, uploadId)],
  });
  const results = appended.results as Array<{ id: string }> | undefined;
  printOutcome({ uploadId, blockId: results?.[0]?.id ?? null });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
