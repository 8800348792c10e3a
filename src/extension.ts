import type * as vscode from 'vscode';
import { activateExtension, deactivateExtension, type NotionUploadApi } from './vscode/activate';

export function activate(context: vscode.ExtensionContext): NotionUploadApi {
  return activateExtension(context);
}

export function deactivate(): Promise<void> {
  return deactivateExtension();
}
