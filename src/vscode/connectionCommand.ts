import * as vscode from 'vscode';
import { PageLinkError } from '../core/light';
import { CommandIds } from './commandIds';
import { FixAction, fixFor, whatWentWrong, type ErrorNotices } from './errorNotices';
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
    // Each step is a request to Notion, retried when it does not answer: a notification says the check is under way.
    const steps = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Notion: checking the connection…' },
      () => this.service.checkConnection(token, pageId),
    );
    this.log.info('Check Connection:');
    for (const step of steps) this.log.info(`  ${step.ok ? 'ok  ' : 'FAIL'} ${step.what}: ${step.detail}`);
    const failed = steps.find((step) => !step.ok);
    if (pageProblem) {
      this.errors.show('The target page setting cannot be used', pageProblem);
      return false;
    }
    if (failed?.error) {
      // The API step fails when Notion did not answer ("Could not reach Notion") or answered with an error other than 401.
      const what = failed.what === 'Notion API' ? whatWentWrong(failed.error) : `${failed.what.toLowerCase()} failed`;
      // Retry checks again; when the fix offered is already Check Connection, that button does it.
      const again = fixFor(failed.error) === FixAction.checkConnection ? undefined
        : { kind: 'command' as const, run: () => vscode.commands.executeCommand(CommandIds.checkConnection) };
      this.errors.show(`Check Connection: ${what}`, failed.error, again);
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
