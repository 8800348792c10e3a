import * as vscode from 'vscode';
import { validateApiBase, type UploaderSettings } from '../core/light';
import { MiB } from '../core/light';

const SECTION = 'notionUpload';

export type UnsupportedTypesPolicy = 'ask' | 'skip' | 'asText';

function section(resource?: vscode.Uri): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration(SECTION, resource);
}

/**
 * The API base URL decides where the token is sent, so it is taken from user (or remote machine) settings or the
 * default only: a workspace's `.vscode/settings.json` cannot redirect it, whatever VS Code's scope handling does.
 */
export function readApiBase(): string {
  const inspected = section().inspect<string>('apiBaseUrl');
  const configured = inspected?.globalValue ?? inspected?.defaultValue ?? 'https://api.notion.com';
  return validateApiBase(configured);
}

export function readUploaderSettings(): Partial<UploaderSettings> {
  const config = section();
  const partSizeMiB = config.get<number>('partSizeMiB', 5);
  const maxSpeedMiBps = config.get<number>('maxUploadSpeedMiBps', 0);
  return {
    apiBase: readApiBase(),
    notionVersion: config.get<string>('notionVersion'),
    partSizeBytes: Math.round(partSizeMiB) * MiB,
    fileConcurrency: config.get<number>('filesInParallel'),
    partConcurrency: config.get<number>('partsInFlight'),
    requestsPerWindow: config.get<number>('requestsPerMinute'),
    maxBytesPerSecond: Math.round(Math.max(0, maxSpeedMiBps) * MiB),
    unsupportedTypes: 'refuse',
  };
}

export function readUnsupportedTypesPolicy(): UnsupportedTypesPolicy {
  const value = section().get<string>('unsupportedTypes', 'ask');
  return value === 'skip' || value === 'asText' ? value : 'ask';
}

export function readSensitivePatterns(resource?: vscode.Uri): string[] {
  return section(resource).get<string[]>('sensitiveFilePatterns', []).filter((pattern) => typeof pattern === 'string' && pattern.trim());
}

export function readTargetPage(resource?: vscode.Uri): string | undefined {
  const value = section(resource).get<string>('targetPage', '').trim();
  return value || undefined;
}

/** Stores the target page for this workspace when one is open, otherwise for the user. */
export async function writeTargetPage(pageId: string): Promise<void> {
  const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await section().update('targetPage', pageId, target);
}

export function affectsUploaderSettings(event: vscode.ConfigurationChangeEvent): boolean {
  return ['apiBaseUrl', 'notionVersion', 'partSizeMiB', 'filesInParallel', 'partsInFlight', 'requestsPerMinute', 'maxUploadSpeedMiBps']
    .some((key) => event.affectsConfiguration(`${SECTION}.${key}`));
}
