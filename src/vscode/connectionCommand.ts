import * as vscode from 'vscode';
import { PageLinkError } from '../core/light';
import { CommandIds } from './commandIds';
import type { ErrorNotices } from './errorNotices';
import type { TargetPages } from './targetPages';
import type { TokenCommands } from './tokenCommands';
import type { UiHolder } from './ui';
import type { UploadLog } from './uploadLog';
import type { UploadService } from './uploadService';

/** Notion: Check Connection — says what works and, for the first thing that does not, offers the step that fixes it. */
export class ConnectionCommand {
  constructor(
    private readonly service: UploadService,
    private readonly tokens: TokenCommands,
    private readonly targets: TargetPages,
    private readonly ui: UiHolder,
    private readonly log: UploadLog,
    private readonly errors: ErrorNotices,
  ) {}

  async run(): Promise<boolean> {
    const token = await this.tokens.requireToken();
    if (!token) return false;
    let pageId: string | undefined;
    let pageProblem: PageLinkError | undefined;
    try {
      pageId = this.targets.configuredPageId(vscode.window.activeTextEditor?.document.uri);
    } catch (error) {
      if (!(error instanceof PageLinkError)) throw error;
      pageProblem = error;
    }
    const steps = await this.service.checkConnection(token, pageId);
    this.log.info('Check Connection:');
    for (const step of steps) this.log.info(`  ${step.ok ? 'ok  ' : 'FAIL'} ${step.what}: ${step.detail}`);
    const failed = steps.find((step) => !step.ok);
    if (pageProblem) {
      this.errors.show('The target page setting cannot be used', pageProblem);
      return false;
    }
    if (failed?.error) {
      this.errors.show(`Check Connection: ${failed.what.toLowerCase()} failed`, failed.error);
      return false;
    }
    const who = steps.find((step) => step.what === 'Token')?.detail ?? '';
    const proxy = steps.find((step) => step.what === 'Proxy')?.detail ?? '';
    if (failed) {
      const choose = 'Choose Target Page';
      void this.ui.current.notify('warning', `${who} ${failed.detail} Proxy: ${proxy}.`, choose).then((action) => action === choose && vscode.commands.executeCommand(CommandIds.chooseTargetPage));
      return false;
    }
    const page = steps.find((step) => step.what === 'Target page')?.detail ?? '';
    void this.ui.current.notify('info', `${who} Target page ${page} Proxy: ${proxy}.`);
    return true;
  }
}
