// A client's upload counts only when the emulator stored exactly the file's bytes and the page got one block for it.
import type { BenchFile } from './benchFiles';
import type { EmulatorHandle } from './emulatorHandle';
import type { UploadInfo } from '../../emulator/types';

export interface UploadCheck {
  failure: string | null;
  upload: UploadInfo | null;
}

export async function checkUpload(emulator: EmulatorHandle, file: BenchFile, uploadId: string): Promise<UploadCheck> {
  let upload: UploadInfo;
  try {
    upload = await emulator.upload(uploadId);
  } catch (error) {
    return { failure: `upload ${uploadId} unknown to the emulator: ${(error as Error).message}`, upload: null };
  }
  if (upload.status !== 'uploaded') return { failure: `upload status is ${upload.status}`, upload };
  if (upload.size !== file.size) return { failure: `emulator stored ${upload.size} bytes, file has ${file.size}`, upload };
  if (upload.sha256 !== file.sha256) return { failure: `stored bytes differ from the file (sha256 ${upload.sha256})`, upload };
  return { failure: null, upload };
}

/** The page must hold exactly one block per expected upload, each attached to its upload. */
export async function checkBlocks(emulator: EmulatorHandle, pageId: string, uploadIds: string[]): Promise<string | null> {
  const blocks = await emulator.blocks(pageId);
  if (blocks.length !== uploadIds.length) return `page has ${blocks.length} blocks, expected ${uploadIds.length}`;
  const attached = new Set(blocks.map((block) => block.uploadId));
  const missing = uploadIds.filter((id) => !attached.has(id));
  return missing.length === 0 ? null : `no block attached for upload(s) ${missing.join(', ')}`;
}
