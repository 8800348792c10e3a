import * as vscode from 'vscode';
import { TUNABLE_SETTINGS, validateApiBase, type UploaderSettings } from '../core/light';

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

/** The settings the upload manager takes; the knobs of TUNABLE_SETTINGS go by the same keys as in package.json. */
export function readUploaderSettings(): Partial<UploaderSettings> {
  const config = section();
  const settings: Partial<UploaderSettings> = { apiBase: readApiBase(), notionVersion: config.get<string>('notionVersion') };
  for (const tunable of TUNABLE_SETTINGS) settings[tunable.key] = config.get<number>(tunable.key);
  return settings;
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
  return ['apiBaseUrl', 'notionVersion', ...TUNABLE_SETTINGS.map((tunable) => tunable.key)]
    .some((key) => event.affectsConfiguration(`${SECTION}.${key}`));
}
