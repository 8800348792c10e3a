import * as vscode from 'vscode';
import { NotionApiError, NotionNetworkError, PAGE_IN_TRASH, describeError, namesFileUpload } from '../core/light';
import type { SessionError } from '../core';
import { CommandIds } from './commandIds';
import type { UiHolder } from './ui';
import type { UploadLog } from './uploadLog';

/** The button an error notification carries: the one step that most likely fixes it. */
export const FixAction = {
  setToken: 'Set Notion Token',
  chooseTargetPage: 'Choose Target Page',
  retry: 'Retry',
  checkConnection: 'Check Connection',
  showLog: 'Show Log',
} as const;

export type Fix = (typeof FixAction)[keyof typeof FixAction];

const NETWORK_CODES = new Set(['timeout', 'network_error']);

/**
 * Refusals of the file itself (uploadPlan.ts's codes; too_large also when Notion refused the size): the same file
 * meets them again, so neither Retry nor Check Connection can help; the log says which files and why.
 */
const FILE_REFUSALS = new Set(['too_large', 'unsupported_type', 'name_too_long', 'name_has_control_characters', 'too_many_parts']);

/** Whether trying the same file again can go differently: not for a refusal of the file itself. */
export function worthRetrying(error: unknown): boolean {
  const { code } = errorFields(error);
  return code === undefined || !FILE_REFUSALS.has(code);
}

/**
 * 401: the token was refused; a refusal of the file itself (too large for the workspace, a type or name Notion does not
 * take): the log, which says what to do; 404 object_not_found, restricted_resource and a page in the trash: the page
 * is gone, not shared or not writable; no answer at all or a temporary refusal (429, 5xx): worth another try;
 * anything else: Check Connection looks at each piece.
 */
export function fixFor(error: unknown): Fix {
  const { status, code, message } = errorFields(error);
  if (status === 401 || code === 'unauthorized') return FixAction.setToken;
  if (!worthRetrying(error)) return FixAction.showLog;
  // An upload Notion no longer has (past its hour) is sent again by Retry; the page is not at fault.
  if (code === 'object_not_found' && namesFileUpload(message)) return FixAction.retry;
  if (code === 'object_not_found' || code === 'restricted_resource' || code === PAGE_IN_TRASH || status === 404 || status === 403) return FixAction.chooseTargetPage;
  if (error instanceof NotionNetworkError || (code !== undefined && NETWORK_CODES.has(code))) return FixAction.retry;
  if (status !== undefined && (status === 409 || status === 429 || status >= 500)) return FixAction.retry;
  return FixAction.checkConnection;
}

/** "Notion refused the token" when it answered 401; "Could not reach Notion" only when it did not answer at all. */
export function whatWentWrong(error: unknown): string {
  const { status, code } = errorFields(error);
  if (status === 401 || code === 'unauthorized') return 'Notion refused the token';
  if (error instanceof NotionNetworkError || (code !== undefined && NETWORK_CODES.has(code))) return 'Could not reach Notion';
  return 'Notion answered with an error';
}

function errorFields(error: unknown): { status?: number; code?: string; message?: string } {
  if (error instanceof NotionApiError) return { status: error.status, code: error.code, message: error.message };
  if (error instanceof NotionNetworkError) return { code: error.code };
  if (error && typeof error === 'object') {
    const fields = error as Partial<SessionError>;
    return {
      status: typeof fields.status === 'number' ? fields.status : undefined,
      code: typeof fields.code === 'string' ? fields.code : undefined,
      message: typeof fields.message === 'string' ? fields.message : undefined,
    };
  }
  return {};
}

/**
 * What an error's Retry does, which decides whether a fix carries on with it. `command`: the command that stopped runs
 * again from the start and reads the token and the target page anew, so once Set Notion Token or Choose Target Page
 * has done its part the stopped command goes on by itself. `sessions`: the failed uploads are sent again to the page
 * they were for; a page chosen meanwhile is not theirs, and a new token is for what comes next, so the fix buttons
 * only fix, and the notification's Retry resends.
 */
export interface Retry {
  kind: 'command' | 'sessions';
  run(): unknown;
}

/** Error notifications whose buttons do what they say: set the token, choose the page, retry, or show the log. */
export class ErrorNotices {
  constructor(
    private readonly ui: UiHolder,
    private readonly log: UploadLog,
  ) {}

  /**
   * Shows `message` (the error's own words are added; an empty message shows them alone) with the fix for `error` first, then Retry when `retry` is given
   * and Show Log. Resolves once the notification is shown, not when it is answered.
   */
  show(message: string, error: unknown, retry?: Retry): void {
    const text = message ? `${message}: ${describeError(error)}` : describeError(error);
    this.log.error(text);
    const fix = fixFor(error);
    const retryHelps = retry !== undefined && worthRetrying(error);
    const actions = [...new Set<Fix>([fix, ...(retryHelps ? [FixAction.retry] : []), FixAction.showLog])].filter((action) => action !== FixAction.retry || retryHelps);
    void this.ui.current.notify('error', text, ...actions).then((action) => this.act(action, retry));
  }

  /** Does what the chosen button says; a fix that went through (a token set, a page chosen) carries a stopped command on. */
  async act(action: string | undefined, retry?: Retry): Promise<void> {
    if (action === FixAction.setToken || action === FixAction.chooseTargetPage) {
      const fixed = await vscode.commands.executeCommand(action === FixAction.setToken ? CommandIds.setToken : CommandIds.chooseTargetPage);
      if (fixed && retry?.kind === 'command') await retry.run();
    } else if (action === FixAction.retry) await retry?.run();
    else if (action === FixAction.checkConnection) await vscode.commands.executeCommand(CommandIds.checkConnection);
    else if (action === FixAction.showLog) this.log.show();
  }
}
