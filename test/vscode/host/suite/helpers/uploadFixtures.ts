// Token, target page and workspace files for the upload suites; each test uploads to a fresh page of its own.
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SessionStatus } from '../../../../../src/core';
import type { UploadOutcome } from '../../../../../src/vscode/uploadCommand';
import { readTestContext } from '../../../launch/testContext';
import { emulator, emulatorEndpoint, sha256OfFile } from './emulatorControl';
import type { ScriptedUi } from './extensionUnderTest';

export function workspacePath(relativePath: string): string {
  return join(readTestContext().workspaceFolder, relativePath);
}

export function workspaceUri(relativePath: string): vscode.Uri {
  return vscode.Uri.file(workspacePath(relativePath));
}

/** Writes random bytes (hex text) to a workspace file and returns its Uri. */
export function writeWorkspaceFile(relativePath: string, sizeBytes: number): vscode.Uri {
  const path = workspacePath(relativePath);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, randomBytes(Math.ceil(sizeBytes / 2)).toString('hex').slice(0, sizeBytes));
  return vscode.Uri.file(path);
}

/** Makes sure the extension holds the emulator's token, then points uploads at a new page shared with it. */
export async function freshTargetPage(ui: ScriptedUi, title: string): Promise<string> {
  const { token } = emulatorEndpoint();
  ui.token = token;
  const { id } = await emulator.addPage(title, [token]);
  const page = await vscode.commands.executeCommand<{ id: string }>('notionUpload.chooseTargetPage', id);
  if (!page) {
    assert.ok(await vscode.commands.executeCommand('notionUpload.setToken'), 'the emulator token was refused');
    assert.equal((await vscode.commands.executeCommand<{ id: string }>('notionUpload.chooseTargetPage', id))?.id, id);
  }
  ui.questions.length = 0;
  ui.notices.length = 0;
  return id;
}

export async function upload(...uris: vscode.Uri[]): Promise<UploadOutcome | undefined> {
  return vscode.commands.executeCommand<UploadOutcome | undefined>('notionUpload.upload', uris[0], uris);
}

/** Checks that each session's bytes reached the emulator unchanged and that the page holds one block per file. */
export async function assertArrived(pageId: string, sessions: SessionStatus[]): Promise<void> {
  const blocks = await emulator.blocks(pageId);
  assert.equal(blocks.length, sessions.length, `page blocks: ${JSON.stringify(blocks)}`);
  for (const session of sessions) {
    assert.equal(session.state, 'done', `${session.fileName}: ${JSON.stringify(session.error)}`);
    assert.ok(session.uploadId && session.blockId);
    const stored = await emulator.upload(session.uploadId);
    assert.equal(stored.status, 'uploaded');
    assert.equal(stored.sha256, sha256OfFile(session.filePath), `${session.fileName} arrived changed`);
    assert.equal(blocks.filter((block) => block.uploadId === session.uploadId).length, 1, `${session.fileName} is not on the page exactly once`);
    assert.ok(blocks.some((block) => block.id.replace(/-/g, '') === session.blockId!.replace(/-/g, '')));
  }
}
