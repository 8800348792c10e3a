// The extension as the host suites see it: its exported API, a scripted stand-in for its dialogs, and small waits.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { NotionUploadApi } from '../../../../../src/vscode/activate';
import type { Ui } from '../../../../../src/vscode/ui';
import { projectRoot } from '../../../launch/paths';
import { waitFor as pollUntil } from '../../../../support/waitFor';

const manifest = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { publisher: string; name: string };
export const extensionId = `${manifest.publisher}.${manifest.name}`;

export async function extensionApi(): Promise<NotionUploadApi> {
  const extension = vscode.extensions.getExtension<NotionUploadApi>(extensionId);
  assert.ok(extension, `${extensionId} is not installed in this host`);
  return extension.activate();
}

export interface Question {
  message: string;
  detail: string;
  choices: string[];
}

/** What Enter does on a real modal dialog: VS Code focuses its first button (see Ui.ask). */
export function pressEnter(question: Question): string | undefined {
  return question.choices[0];
}

/** The button of a folder's confirmation that sends it ("Upload 3 Files"), when `question` is that confirmation. */
export function folderUploadChoice(question: Question): string | undefined {
  return question.choices.find((choice) => /^Upload \d+ Files?$/.test(choice));
}

export interface Notice {
  kind: 'info' | 'warning' | 'error';
  message: string;
  actions: string[];
}

/**
 * Stands in for every dialog: records questions and notifications, answers questions through `answer`, and fails the
 * test on any picker it was not told about.
 */
export class ScriptedUi {
  readonly questions: Question[] = [];
  readonly notices: Notice[] = [];
  readonly opened: string[] = [];
  readonly copied: string[] = [];
  answer: (question: Question) => string | undefined = () => undefined;
  /** Which button of a notification to click; none by default, as when a notification is left alone. */
  click: (notice: Notice) => string | undefined = () => undefined;
  token: string | undefined;
  tokenChecks: Array<{ token: string; ok: boolean; message?: string }> = [];
  private registration: vscode.Disposable | undefined;

  install(api: NotionUploadApi): this {
    const parts: Partial<Ui> = {
      askForToken: async (check) => {
        const candidates = this.token === undefined ? [] : [this.token];
        for (const candidate of candidates) {
          const result = await check(candidate);
          this.tokenChecks.push({ token: candidate, ok: result.ok, message: result.ok ? undefined : result.message });
          if (result.ok) return candidate;
        }
        return undefined;
      },
      ask: async (message, detail, ...choices) => {
        const question = { message, detail, choices };
        this.questions.push(question);
        return this.answer(question);
      },
      pickFiles: async () => assert.fail('the open dialog was not expected'),
      pickTargetPage: async () => assert.fail('the page picker was not expected'),
      notify: async (kind, message, ...actions) => {
        const notice = { kind, message, actions };
        this.notices.push(notice);
        return this.click(notice);
      },
      openExternal: async (url) => {
        this.opened.push(url);
      },
      copyText: async (text) => {
        this.copied.push(text);
      },
    };
    this.registration = api.overrideUi(parts);
    return this;
  }

  dispose(): void {
    this.registration?.dispose();
  }
}

/** The shared poll-until, at a slower pace: each probe here asks the extension host for its tree rows. */
export function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 20_000): Promise<Exclude<T, false>> {
  return pollUntil(what, probe, timeoutMs, 50);
}

export interface TreeRow {
  id: string;
  label: string;
  description: string;
  icon: string;
  contextValue: string;
  tooltip: string;
}

/** The uploads view as VS Code would render it: every row's label, description, icon and context flags. */
export async function treeRows(api: NotionUploadApi): Promise<TreeRow[]> {
  const ids = (await api.uploadsView.getChildren()) ?? [];
  return Promise.all(ids.map(async (id) => {
    const item = await api.uploadsView.getTreeItem(id);
    const tooltip = item.tooltip instanceof vscode.MarkdownString ? item.tooltip.value : String(item.tooltip ?? '');
    return {
      id,
      label: typeof item.label === 'string' ? item.label : item.label?.label ?? '',
      description: String(item.description ?? ''),
      icon: item.iconPath instanceof vscode.ThemeIcon ? item.iconPath.id : '',
      contextValue: item.contextValue ?? '',
      tooltip,
    };
  }));
}
