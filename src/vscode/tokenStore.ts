import * as vscode from 'vscode';
import { ContextKeys } from './commandIds';

const SECRET_KEY = 'notionUpload.token';

/** The Notion token lives in SecretStorage only; this keeps the `notionUpload.hasToken` context key in step with it. */
export class TokenStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<string | undefined>();
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly secrets: vscode.SecretStorage) {
    this.subscription = secrets.onDidChange(async (event) => {
      if (event.key !== SECRET_KEY) return;
      const token = await this.get();
      await this.publish(token);
      this.changed.fire(token);
    });
  }

  async get(): Promise<string | undefined> {
    const token = await this.secrets.get(SECRET_KEY);
    return token ? token : undefined;
  }

  async set(token: string): Promise<void> {
    await this.secrets.store(SECRET_KEY, token);
    await this.publish(token);
  }

  async clear(): Promise<void> {
    await this.secrets.delete(SECRET_KEY);
    await this.publish(undefined);
  }

  /** Sets the context key from what is stored now; called once on activation. */
  async refreshContext(): Promise<void> {
    await this.publish(await this.get());
  }

  private async publish(token: string | undefined): Promise<void> {
    await vscode.commands.executeCommand('setContext', ContextKeys.hasToken, token !== undefined);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
