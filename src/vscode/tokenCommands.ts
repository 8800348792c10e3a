import { NotionApiError, describeError } from '../core/light';
import { describeTokenCheck } from '../core/light';
import type { WorkspaceLimits } from '../core';
import type { TokenStore } from './tokenStore';
import type { UiHolder } from './ui';
import type { UploadService } from './uploadService';
import type { UploadLog } from './uploadLog';

/** Set Notion Token / Clear Notion Token. */
export class TokenCommands {
  constructor(
    private readonly tokens: TokenStore,
    private readonly service: UploadService,
    private readonly ui: UiHolder,
    private readonly log: UploadLog,
  ) {}

  /** Asks for a token, checks it at once with users/me, and stores it. Resolves with what Notion said about it. */
  async setToken(): Promise<WorkspaceLimits | undefined> {
    let limits: WorkspaceLimits | undefined;
    const token = await this.ui.current.askForToken(async (candidate) => {
      try {
        limits = await this.service.workspaceLimits(candidate);
        return { ok: true };
      } catch (error) {
        this.log.warn(`Token check failed: ${describeError(error)}`);
        return { ok: false, message: describeError(error) };
      }
    });
    if (!token || !limits) return undefined;
    await this.tokens.set(token);
    this.log.setKnownSecret(token);
    const checked = describeTokenCheck(limits);
    this.log.info(`Token set: ${checked}`);
    void this.ui.current.notify('info', `Notion token saved: ${checked}`);
    return limits;
  }

  /** Removes the token from secret storage, stopping running uploads after a confirmation. Resolves true when cleared. */
  async clearToken(): Promise<boolean> {
    const running = this.service.activeSummary().filesTotal;
    if (running > 0) {
      const stop = 'Clear and Stop Uploads';
      const keep = 'Keep Uploading';
      const answer = await this.ui.current.ask(`${running} upload${running === 1 ? ' is' : 's are'} running.`, 'Clearing the Notion token stops them; you can resume them after setting a token again.', keep, stop);
      if (answer !== stop) return false;
    }
    await this.service.shutDown();
    await this.tokens.clear();
    this.log.setKnownSecret(undefined);
    this.log.info('Token cleared from secret storage.');
    void this.ui.current.notify('info', 'Notion token cleared from this machine\'s secret storage.');
    return true;
  }

  /** The stored token, or — when there is none — the one the user sets now. */
  async requireToken(): Promise<string | undefined> {
    const stored = await this.tokens.get();
    if (stored) return stored;
    const set = 'Set Notion Token';
    const answer = await this.ui.current.ask('Uploading to Notion needs a Notion token first.',
      'A personal access token (notion.so/developers/tokens) acts as you and needs no page sharing. An internal integration\'s secret (notion.so/profile/integrations) sees only the pages shared with it (page menu → Connections).', set);
    if (answer !== set) return undefined;
    return (await this.setToken()) ? this.tokens.get() : undefined;
  }
}
