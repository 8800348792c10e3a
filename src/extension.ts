import type * as vscode from 'vscode';
import { activateExtension, type NotionUploadApi } from './vscode/activate';

export function activate(context: vscode.ExtensionContext): NotionUploadApi {
  return activateExtension(context);
}

export function deactivate(): void {}
