import * as vscode from 'vscode';
import { showTargetPagePicker, type PageChoice, type PageSource } from './targetPagePicker';

export type TokenCheck = (token: string) => Promise<{ ok: true } | { ok: false; message: string }>;

/**
 * Every place where the extension waits for the user. The host tests replace parts of it through the extension's
 * exported API, because pickers and modal dialogs cannot be clicked from inside the extension host.
 */
export interface Ui {
  /** Password box; `check` runs on Enter and the box stays open with its message until a token passes. */
  askForToken(check: TokenCheck): Promise<string | undefined>;
  /**
   * A modal question; resolves to the chosen label, undefined when dismissed (Escape, the close button, Cancel).
   * The first choice is the default: VS Code focuses the first button, so Enter picks it. Put the safe choice first.
   * VS Code adds a Cancel button of its own. Marking the safe choice `isCloseAffordance` removes that Cancel and makes
   * Escape return the safe choice, but then the first of the other choices becomes the focused button, as seen in
   * code-server 4.100 (VS Code 1.100): Enter would take the unsafe one. So no choice is marked, and where the safe
   * choice can mean something other than Cancel (Clear Finished: Keep clears the other rows), it does.
   */
  ask(message: string, detail: string, ...choices: string[]): Promise<string | undefined>;
  pickFiles(): Promise<vscode.Uri[] | undefined>;
  pickTargetPage(source: PageSource): Promise<PageChoice | undefined>;
  /** A non-modal notification; resolves to the chosen action once the user clicks one. */
  notify(kind: 'info' | 'warning' | 'error', message: string, ...actions: string[]): Promise<string | undefined>;
  openExternal(url: string): Promise<void>;
  copyText(text: string): Promise<void>;
}

export const vscodeUi: Ui = {
  askForToken,
  async ask(message, detail, ...choices) {
    return vscode.window.showWarningMessage(message, { modal: true, detail }, ...choices);
  },
  async pickFiles() {
    return vscode.window.showOpenDialog({ canSelectMany: true, canSelectFiles: true, canSelectFolders: false, openLabel: 'Upload to Notion', title: 'Upload to Notion' });
  },
  pickTargetPage: showTargetPagePicker,
  async notify(kind, message, ...actions) {
    if (kind === 'error') return vscode.window.showErrorMessage(message, ...actions);
    if (kind === 'warning') return vscode.window.showWarningMessage(message, ...actions);
    return vscode.window.showInformationMessage(message, ...actions);
  },
  async openExternal(url) {
    await vscode.env.openExternal(vscode.Uri.parse(url));
  },
  async copyText(text) {
    await vscode.env.clipboard.writeText(text);
  },
};

/** The ui in use: the real one, with whatever a test has put over it. */
export class UiHolder {
  current: Ui = vscodeUi;

  override(parts: Partial<Ui>): vscode.Disposable {
    const previous = this.current;
    this.current = { ...previous, ...parts };
    return new vscode.Disposable(() => {
      this.current = previous;
    });
  }
}

function askForToken(check: TokenCheck): Promise<string | undefined> {
  const box = vscode.window.createInputBox();
  box.title = 'Set Notion Token';
  box.password = true;
  box.ignoreFocusOut = true;
  box.placeholder = 'ntn_… or secret_…';
  box.prompt = 'Paste a personal access token (notion.so/developers/tokens) or an integration\'s secret (notion.so/profile/integrations). It is kept in VS Code\'s secret storage.';
  return new Promise((resolve) => {
    let accepted: string | undefined;
    box.onDidChangeValue(() => {
      box.validationMessage = undefined;
    });
    box.onDidAccept(async () => {
      const token = box.value.trim();
      if (!token) {
        box.validationMessage = 'Paste a token first.';
        return;
      }
      box.busy = true;
      box.enabled = false;
      const result = await check(token);
      box.busy = false;
      box.enabled = true;
      if (result.ok) {
        accepted = token;
        box.hide();
      } else {
        box.validationMessage = { message: result.message, severity: vscode.InputBoxValidationSeverity.Error };
      }
    });
    box.onDidHide(() => {
      box.dispose();
      resolve(accepted);
    });
    box.show();
  });
}
