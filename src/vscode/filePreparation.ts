import * as vscode from 'vscode';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describeError, formatBytes, hasStandardMimeType, isKnownTextFile, MiB, planUpload, sha256File } from '../core/light';
import type { FileToUpload } from './folderExpansion';

/** Files on other file systems (remote, virtual) are read whole through VS Code into a temporary copy, up to this size. */
export const NON_LOCAL_FILE_LIMIT_BYTES = 64 * MiB;

export interface SkippedFile {
  displayPath: string;
  reason: string;
  /** Left out because the user said so (Skip), not because Notion or this extension refuses it. */
  byChoice?: boolean;
}

export type PlannedFile = FileToUpload & { asText: boolean; tryUnknownType?: boolean };

export interface PreparedFile extends PlannedFile {
  localPath: string;
  sha256: string;
}

/** Where each file stands against Notion's rules, decided before any upload request and before any question. */
export interface FileClassification {
  accepted: FileToUpload[];
  /** Text files of a type Notion refuses; they can go as .txt if the user agrees. */
  textOnly: FileToUpload[];
  /** Files of a type off Notion's documented list that has a standard MIME type: Notion may take them if tried. */
  unknownType: FileToUpload[];
  skipped: SkippedFile[];
}

export function fileNameOf(file: FileToUpload): string {
  return file.uri.path.split('/').pop() || file.displayPath;
}

export function classifyFiles(files: readonly FileToUpload[], maxFileUploadSizeBytes: number | null, partSizeBytes: number): FileClassification {
  const result: FileClassification = { accepted: [], textOnly: [], unknownType: [], skipped: [] };
  for (const file of files) {
    const fileName = fileNameOf(file);
    if (file.uri.scheme !== 'file' && file.sizeBytes > NON_LOCAL_FILE_LIMIT_BYTES) {
      result.skipped.push({ displayPath: file.displayPath, reason: `it is on ${file.uri.scheme}: and larger than ${formatBytes(NON_LOCAL_FILE_LIMIT_BYTES)}; files outside the local disk are read whole through VS Code, so this is the limit for them` });
      continue;
    }
    const plan = planUpload({ fileName, sizeBytes: file.sizeBytes, maxFileUploadSizeBytes, partSizeBytes });
    if (plan.ok) result.accepted.push(file);
    else if (plan.refusal.code === 'unsupported_type' && isKnownTextFile(fileName)) result.textOnly.push(file);
    else if (plan.refusal.code === 'unsupported_type' && hasStandardMimeType(fileName)) result.unknownType.push(file);
    else result.skipped.push({ displayPath: file.displayPath, reason: `${plan.refusal.reason} ${plan.refusal.remedy}` });
  }
  return result;
}

/** Local path and sha256 for each file; files not on the local disk are copied to a temporary file first. */
export async function prepareFiles(files: readonly PlannedFile[], skipped: SkippedFile[], scratchDir: vscode.Uri): Promise<PreparedFile[]> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Notion: checking files' }, async () => {
    const prepared: PreparedFile[] = [];
    for (const file of files) {
      try {
        const localPath = file.uri.scheme === 'file' ? file.uri.fsPath : await copyToLocal(file.uri, scratchDir);
        prepared.push({ ...file, localPath, sha256: (await sha256File(localPath)).sha256 });
      } catch (error) {
        skipped.push({ displayPath: file.displayPath, reason: `it could not be read: ${describeError(error)}` });
      }
    }
    return prepared;
  });
}

async function copyToLocal(uri: vscode.Uri, scratchDir: vscode.Uri): Promise<string> {
  await vscode.workspace.fs.createDirectory(scratchDir);
  const dir = await mkdtemp(join(scratchDir.fsPath, 'copy-'));
  const localPath = join(dir, uri.path.split('/').pop() || 'file');
  await writeFile(localPath, await vscode.workspace.fs.readFile(uri));
  return localPath;
}
