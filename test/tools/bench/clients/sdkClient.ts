// The official SDK as its documentation uses it: the file becomes a Blob (read whole with readFile, or opened
// lazily with fs.openAsBlob), each part is a slice of it, and fileUploads.send posts it through the global fetch.
import { Client, type BlockObjectRequest } from '@notionhq/client';
import { openAsBlob } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { attachBlock, ClientJob, forEachLimited, printOutcome, readJobArgument } from './clientJob';

type BlobSource = 'readFile' | 'openAsBlob';

async function openBlob(job: ClientJob, source: BlobSource): Promise<Blob> {
  if (source === 'openAsBlob') return openAsBlob(job.filePath, { type: job.contentType });
  return new Blob([await readFile(job.filePath)], { type: job.contentType });
}

async function main(): Promise<void> {
  const source = process.argv[3] as BlobSource;
  if (source !== 'readFile' && source !== 'openAsBlob') throw new Error('second argument: readFile | openAsBlob');
  const job = readJobArgument();
  const notion = new Client({ auth: job.token, baseUrl: job.apiBase, notionVersion: job.notionVersion });
  const blob = await openBlob(job, source);

  const upload =
    job.mode === 'single_part'
      ? await notion.fileUploads.create({ mode: 'single_part', filename: job.fileName, content_type: job.contentType })
      : await notion.fileUploads.create({
          mode: 'multi_part',
          filename: job.fileName,
          content_type: job.contentType,
          number_of_parts: job.partCount,
        });

  if (job.mode === 'single_part') {
    await notion.fileUploads.send({ file_upload_id: upload.id, file: { filename: job.fileName, data: blob } });
  } else {
    const partNumbers = Array.from({ length: job.partCount }, (_, index) => index + 1);
    await forEachLimited(partNumbers, job.partsInFlight, async (partNumber) => {
      const start = (partNumber - 1) * job.partSize;
      const data = blob.slice(start, Math.min(job.size, start + job.partSize), job.contentType);
      await notion.fileUploads.send({
        file_upload_id: upload.id,
        part_number: String(partNumber),
        file: { filename: job.fileName, data },
      });
    });
    await notion.fileUploads.complete({ file_upload_id: upload.id });
  }

  const appended = await notion.blocks.children.append({
    block_id: job.pageId,
    children: [attachBlock(job, upload.id) as BlockObjectRequest],
  });
  printOutcome({ uploadId: upload.id, blockId: appended.results[0]?.id ?? null });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
