import * as vscode from 'vscode';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ConnectionCheckStep, NotionClient, SessionStatus, UploadManager, WorkspaceLimits, WorkspaceLimitsCache } from '../core';
import { isFinished, type BatchSummary, type ConnectionOptions, type SessionFigures } from '../core/light';
import { readApiBase, readUploaderSettings } from './configuration';
import { connectionFromVscodeSettings, readVscodeHttpSettings } from './proxySettings';
import type { TokenStore } from './tokenStore';
import { SessionLog } from './sessionLog';
import { SessionTally } from './sessionTally';
import type { UploadLog } from './uploadLog';
import type { LinkSpeedMemory } from './linkSpeedMemory';

/** VS Code's proxy and certificate settings (read when a client is made; uploads already running keep theirs). */
function readConnection(): ConnectionOptions {
  return connectionFromVscodeSettings(readVscodeHttpSettings(vscode.workspace.getConfiguration('http')), process.env);
}

/** The core (and undici under it) is evaluated on first use, not when the extension activates. */
function loadCore(): Promise<typeof import('../core')> {
  return import('../core');
}

/** What a new manager found in the session store, and which of those a stop (not a failure) left resumable. */
export interface RestoredSessions {
  sessions: SessionStatus[];
  interrupted: SessionStatus[];
}

/**
 * Holds the core's UploadManager and NotionClient, created on first need (an upload, or the view being shown) so that
 * activation itself does no work. Re-publishes the manager's events for the view, the status bar and progress.
 */
export class UploadService implements vscode.Disposable {
  private manager: UploadManager | undefined;
  private managerToken: string | undefined;
  private managerSubscriptions: Array<{ dispose(): void }> = [];
  private starting: Promise<UploadManager | undefined> | undefined;
  private readonly sessionsChanged = new vscode.EventEmitter<SessionStatus | undefined>();
  /** Fires with one session on progress or a state change, or with undefined when the list itself changed. */
  readonly onDidChangeSessions = this.sessionsChanged.event;
  private readonly sessionStateChanged = new vscode.EventEmitter<SessionStatus>();
  /** Fires with a session that changed state (onDidChangeSessions announces it too). */
  readonly onDidChangeSessionState = this.sessionStateChanged.event;
  private readonly sessionsRestored = new vscode.EventEmitter<RestoredSessions>();
  /** Fires with the uploads a new manager found in the session store (none: it does not fire). */
  readonly onDidRestoreSessions = this.sessionsRestored.event;
  /** False once a manager has started in this window: later ones find only what this window itself left behind. */
  private firstStart = true;
  /** Uploads a manager of this window stopped while they ran (window closing, token cleared): interrupted, truly. */
  private readonly stoppedWhileRunning = new Set<string>();
  private readonly pageTitles = new Map<string, string>();
  private limits: WorkspaceLimitsCache | undefined;
  private readonly sessionLog = new SessionLog();
  /** Set while `addToBatch` runs: the session it adds has its queuing logged with its batch's, not on a line of its own. */
  private addingToBatch = false;
  /** The sessions queued or running, from the manager's events: the status bar asks for their summary often. */
  private readonly active = new SessionTally((figures) => !isFinished(figures.state));

  constructor(
    private readonly storageDir: vscode.Uri,
    private readonly tokens: TokenStore,
    private readonly log: UploadLog,
    private readonly linkSpeed?: LinkSpeedMemory,
  ) {}

  /** The manager if one is running; never creates one. */
  get current(): UploadManager | undefined {
    return this.manager;
  }

  sessions(): SessionStatus[] {
    return this.manager ? [...this.manager.list()].sort((a, b) => b.createdAt - a.createdAt) : [];
  }

  /**
   * A session's figures as of its last event, the object the views already keep (no copy per call), or undefined once
   * it has finished.
   */
  activeFigures(id: string): SessionFigures | undefined {
    return this.active.figuresOf(id);
  }

  /** Count and bytes of the uploads queued or running, as of their last events; the same cost for any number. */
  activeSummary(): BatchSummary {
    return this.active.summary();
  }


  /**
   * Queues one file of a batch whose queuing the caller logs in one line (thousands of lines, one per file of a folder,
   * cost the host more than queuing them): `add` calls the manager's add, which announces the new session at once.
   */
  addToBatch(add: () => SessionStatus): SessionStatus {
    this.addingToBatch = true;
    try {
      return add();
    } finally {
      this.addingToBatch = false;
    }
  }

  /** Creates the manager with the stored token (and brings back stored sessions) unless one runs with that token. */
  async ensureManager(): Promise<UploadManager | undefined> {
    this.starting ??= this.startManager().finally(() => {
      this.starting = undefined;
    });
    return this.starting;
  }

  private async startManager(): Promise<UploadManager | undefined> {
    const token = await this.tokens.get();
    if (this.manager && token === this.managerToken) return this.manager;
    if (this.manager && this.activeSummary().filesTotal > 0) return this.manager;
    await this.disposeManager();
    if (!token) return undefined;

    await mkdir(this.storageDir.fsPath, { recursive: true });
    this.log.setKnownSecret(token);
    const { UploadManager, JsonFileSessionStore } = await loadCore();
    const manager = new UploadManager({
      token,
      settings: readUploaderSettings(),
      store: new JsonFileSessionStore(join(this.storageDir.fsPath, 'sessions.json')),
      log: (entry) => this.log.request(entry),
      connection: readConnection(),
      linkBytesPerSecond: this.linkSpeed?.recalled(),
      // A limit Notion named in refusing a file: the check before the next upload refuses larger files without a request.
      onFileSizeLimitLearnt: (limitBytes) => this.learnFileSizeLimit(token, limitBytes),
    });
    this.manager = manager;
    this.managerToken = token;
    this.managerSubscriptions = [
      manager.onProgress((session) => {
        this.active.set(session.id, session);
        this.sessionsChanged.fire(session);
      }),
      manager.onStateChange((session) => {
        this.active.set(session.id, session);
        if (session.state === 'done') this.linkSpeed?.remember(manager.measuredLinkBytesPerSecond());
        for (const line of this.sessionLog.lines(session, this.pageTitle(session.pageId), this.addingToBatch)) this.log[line.level](line.text);
        this.sessionStateChanged.fire(session);
        this.sessionsChanged.fire(session);
      }),
    ];
    const restored = await manager.resumeStored();
    // At the window's first start every upload left resumable was stopped by the last window. A later start (a new
    // token) finds this window's own uploads again, and those that failed part-way here were not interrupted.
    const interrupted = this.firstStart ? restored : restored.filter((session) => this.stoppedWhileRunning.has(session.id));
    if (restored.length > 0) {
      this.log.info(this.firstStart
        ? `Found ${restored.length} interrupted upload(s) from an earlier session; Resume sends only the missing parts.`
        : `Listed again ${restored.length} upload(s) that can be resumed, ${interrupted.length} of them stopped while running; Resume sends only the missing parts.`);
    }
    this.firstStart = false;
    this.stoppedWhileRunning.clear();
    this.sessionsChanged.fire(undefined);
    if (restored.length > 0) this.sessionsRestored.fire({ sessions: restored, interrupted });
    return manager;
  }

  /**
   * Runs calls (token check, page search, page checks) on the manager's client when the token is the stored one, so that
   * they share its request budget; a token not stored yet (being checked) gets a client of its own, closed afterwards.
   */
  async withClient<T>(token: string, use: (client: NotionClient) => Promise<T>): Promise<T> {
    const manager = this.manager && this.managerToken === token ? this.manager : token === (await this.tokens.get()) ? await this.ensureManager() : undefined;
    if (manager && this.managerToken === token) return use(manager.notionClient);
    const settings = readUploaderSettings();
    const { NotionClient } = await loadCore();
    const client = new NotionClient({
      token, apiBase: readApiBase(), notionVersion: settings.notionVersion, log: (entry) => this.log.request(entry), connection: readConnection(),
    });
    try {
      return await use(client);
    } finally {
      await client.close();
    }
  }

  /** Notion: Check Connection — the API base, the proxy in use, the token and the target page, each looked at once. */
  async checkConnection(token: string, pageId: string | undefined): Promise<ConnectionCheckStep[]> {
    const { checkConnection, proxyFor } = await loadCore();
    const proxy = proxyFor(readConnection(), new URL(readApiBase()).origin);
    return this.withClient(token, (client) => checkConnection(client, { pageId, proxy }));
  }

  /** users/me for a token (name, file-size limit), asked once per token and API base. */
  async workspaceLimits(token: string): Promise<WorkspaceLimits> {
    if (!this.limits) {
      const { WorkspaceLimitsCache } = await loadCore();
      this.limits ??= new WorkspaceLimitsCache();
    }
    const cache = this.limits;
    return this.withClient(token, (client) => cache.get(client, `${readApiBase()}\n${token}`));
  }

  private learnFileSizeLimit(token: string, limitBytes: number): void {
    void loadCore().then(({ WorkspaceLimitsCache }) => {
      this.limits ??= new WorkspaceLimitsCache();
      this.limits.learnFileSizeLimit(`${readApiBase()}\n${token}`, limitBytes);
    });
  }

  applySettings(): void {
    this.manager?.updateSettings(readUploaderSettings());
  }

  /** Fires a list refresh; for changes the manager does not announce itself (remove, clear finished). */
  refresh(): void {
    this.sessionsChanged.fire(undefined);
  }

  rememberPageTitle(pageId: string, title: string): void {
    if (title) this.pageTitles.set(pageId, title);
  }

  pageTitle(pageId: string): string | undefined {
    return this.pageTitles.get(pageId);
  }

  /** Stops every upload and forgets the manager; used when the token is cleared. */
  async shutDown(): Promise<void> {
    await this.disposeManager();
    this.sessionsChanged.fire(undefined);
  }

  private async disposeManager(): Promise<void> {
    const manager = this.manager;
    this.manager = undefined;
    this.managerToken = undefined;
    for (const subscription of this.managerSubscriptions) subscription.dispose();
    this.managerSubscriptions = [];
    for (const id of this.active.ids()) this.stoppedWhileRunning.add(id);
    this.active.clear();
    const running = manager?.activeSummary().filesTotal ?? 0;
    if (running > 0) this.log.info(`Stopping ${running} upload(s): the window is closing or the token was cleared; Resume continues them.`);
    await manager?.dispose();
  }

  dispose(): void {
    void this.disposeManager();
    this.sessionsChanged.dispose();
    this.sessionStateChanged.dispose();
    this.sessionsRestored.dispose();
  }
}
