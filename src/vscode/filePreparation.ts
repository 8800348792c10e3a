import * as vscode from 'vscode';
import { createHash } from 'node:crypto';
import { mkdtemp, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describeError, formatBytes, hasStandardMimeType, isKnownTextFile, MiB, planUpload } from '../core/light';
import type { FileToUpload } from './folderExpansion';
import { TurnBudget } from './turnBudget';
import type { FileState } from './uploadRecord';

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
  /**
   * A local file's path, size and modification time as the folder walk (or, without one, the preparation) saw them:
   * what tells it is the file uploaded before.
   */
  state?: FileState;
  /** Known without reading the file for it: files from other file systems are hashed as they are copied. */
  sha256?: string;
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

/**
 * A file with what was decided for it, written field by field: a spread of the file with fields added made objects
 * several times the size, slow to make by the thousand (about 30 ms of one turn for a folder of 5,000 files).
 */
export function plannedFile(file: FileToUpload, asText: boolean, tryUnknownType?: boolean): PlannedFile {
  return { uri: file.uri, sizeBytes: file.sizeBytes, displayPath: file.displayPath, mtimeMs: file.mtimeMs, asText, tryUnknownType };
}

export function fileNameOf(file: FileToUpload): string {
  return file.uri.path.split('/').pop() || file.displayPath;
}

/** Each file planned against Notion's rules, a few milliseconds per turn (thousands of files come from folders). */
export async function classifyFiles(files: readonly FileToUpload[], maxFileUploadSizeBytes: number | null, partSizeBytes: number): Promise<FileClassification> {
  const result: FileClassification = { accepted: [], textOnly: [], unknownType: [], skipped: [] };
  const budget = new TurnBudget();
  for (const file of files) {
    await budget.pace();
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

/**
 * A local path for each file, without reading it: a local file is only looked at (size, modification time), unless
 * the folder walk already did; a file on another file system is copied to a temporary file, and hashed on the way
 * since its bytes pass through memory anyway.
 */
export async function prepareFiles(files: readonly PlannedFile[], skipped: SkippedFile[], scratchDir: vscode.Uri): Promise<PreparedFile[]> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Notion: checking files' }, async () => {
    const prepared: PreparedFile[] = [];
    // Thousands of files known from the walk need no await each: the budget keeps them from filling one turn.
    const budget = new TurnBudget();
    for (const file of files) {
      await budget.pace();
      try {
        if (file.uri.scheme === 'file') {
          const state = file.mtimeMs === undefined ? await fileStateOf(file.uri) : { uri: file.uri.toString(), sizeBytes: file.sizeBytes, mtimeMs: file.mtimeMs };
          // Field by field, as plannedFile() says why.
          prepared.push({
            uri: file.uri, sizeBytes: file.sizeBytes, displayPath: file.displayPath, mtimeMs: file.mtimeMs, asText: file.asText,
            tryUnknownType: file.tryUnknownType, localPath: file.uri.fsPath, state,
          });
        }
        else prepared.push({ ...file, ...(await copyToLocal(file.uri, scratchDir)) });
      } catch (error) {
        skipped.push({ displayPath: file.displayPath, reason: `it could not be read: ${describeError(error)}` });
      }
    }
    return prepared;
  });
}

export async function fileStateOf(uri: vscode.Uri): Promise<FileState> {
  const info = await stat(uri.fsPath);
  return { uri: uri.toString(), sizeBytes: info.size, mtimeMs: info.mtimeMs };
}

async function copyToLocal(uri: vscode.Uri, scratchDir: vscode.Uri): Promise<{ localPath: string; sha256: string }> {
  await vscode.workspace.fs.createDirectory(scratchDir);
  const dir = await mkdtemp(join(scratchDir.fsPath, 'copy-'));
  const localPath = join(dir, uri.path.split('/').pop() || 'file');
  const bytes = await vscode.workspace.fs.readFile(uri);
  await writeFile(localPath, bytes);
  return { localPath, sha256: createHash('sha256').update(bytes).digest('hex') };
}
