// The local Notion File Upload API emulator: start(options) binds 127.0.0.1 and returns the control surface.
import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Clock } from './clock';
import type { Workspace } from './context';
import { FaultBook } from './faults';
import { FileTypes } from './fileTypes';
import { newId, normalizeId } from './ids';
import { handleInspection } from './inspection';
import { planFileLimitBytes } from './limits';
import { ShapedNetwork } from './networkProfile';
import { RateLimiter } from './rateLimiter';
import { ApiServer } from './server';
import { WorkspaceState } from './state';
import { makeTlsMaterial, type TlsMaterial } from './tlsCertificates';
import { WriteConflicts } from './writeConflicts';
import { BlockBudget } from './blockBudget';
import type { Emulator, EmulatorOptions, OpenSwitches } from './types';

export type {
  BlockInfo,
  CallName,
  Counters,
  Emulator,
  EmulatorOptions,
  FaultAction,
  FaultRule,
  LogEntry,
  OpenSwitches,
  PlanName,
  RateLimit,
  UploadInfo,
} from './types';

export const defaultToken = 'ntn_emulator_token';
export const defaultRateLimit = { requests: 180, windowMs: 60_000 };

export const defaultSwitches: OpenSwitches = {
  singlePartLimitInclusive: true,
  maxParts: 1000,
  rejectResentPart: true,
  rejectPartAboveTotal: true,
  rejectMissingPartNumber: true,
  rejectOctetStream: true,
  attachNotUploadedStatus: 400,
  multiPartOnFree: false,
  wideTypeList: false,
  hostedUrlNamesUpload: false,
};

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      const address = server.address();
      if (address === null || typeof address === 'string') reject(new Error('The emulator did not get a TCP port'));
      else resolve(address.port);
    });
  });
}

export async function start(options: EmulatorOptions = {}): Promise<Emulator> {
  const token = options.token ?? defaultToken;
  const plan = options.plan ?? 'paid';
  const pageId = options.pageId === undefined ? newId() : normalizeId(options.pageId);
  if (pageId === null) throw new Error(`pageId is not a UUID: ${options.pageId}`);
  const ownsStorage = options.storageDir === undefined;
  const storageDir = options.storageDir ?? (await mkdtemp(join(tmpdir(), 'notion-emulator-')));

  const clock = new Clock(options.now);
  const state = new WorkspaceState(clock, storageDir);
  state.addToken(token, plan, options.tokenKind ?? 'integration');
  state.addPage(options.pageTitle ?? 'Uploads', [token], pageId);
  const switches: OpenSwitches = { ...defaultSwitches, ...options.switches };
  let url = '';
  const workspace: Workspace = {
    state,
    clock,
    switches,
    fileTypes: new FileTypes(switches.wideTypeList),
    requestLimitMs: options.requestLimitMs ?? 60_000,
    blocks: new BlockBudget(options.blockLimit),
    writes: new WriteConflicts({
      onOverlappingWrites: options.conflictOnOverlappingWrites ?? false, handlingDelayMs: options.appendHandlingDelayMs ?? 0,
    }),
    maxFileSize: (caller) => options.maxFileSizeBytes ?? planFileLimitBytes[caller.plan],
    baseUrl: () => url,
  };
  const faults = new FaultBook();
  const limiter = new RateLimiter(clock, options.rateLimit === undefined ? defaultRateLimit : options.rateLimit);
  const api = new ApiServer(workspace, faults, limiter, options.network && new ShapedNetwork(options.network));

  const emulator: Emulator = {
    url: '',
    token,
    pageId,
    plan,
    stop: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      if (ownsStorage) await rm(storageDir, { recursive: true, force: true });
      await tls?.dispose();
    },
    addToken: (extra, extraPlan = 'paid', kind = 'integration') => state.addToken(extra, extraPlan, kind),
    revokeToken: (revoked) => state.revokeToken(revoked),
    addPage: (title, pageOptions) => state.addPage(title, pageOptions?.sharedWith ?? [token]).id,
    addFault: (rule) => faults.add(rule),
    clearFaults: () => faults.clear(),
    advanceClock: (ms) => clock.advance(ms),
    setRateLimit: (limit) => limiter.setLimit(limit),
    uploads: () => [...state.uploads.values()].map((record) => state.uploadInfo(record)),
    upload: (id) => {
      const normalized = normalizeId(id);
      const record = normalized === null ? undefined : state.uploads.get(normalized);
      return record && state.uploadInfo(record);
    },
    blocks: (id) => state.blockInfos(normalizeId(id) ?? id),
    requestLog: () => api.log.map((entry) => ({ ...entry })),
    clearLog: () => {
      api.log.length = 0;
    },
    counters: () => ({ ...api.counters, faultsFired: faults.fired }),
  };

  const listener: RequestListener = (req: IncomingMessage, res: ServerResponse) => {
    const handled = req.url?.startsWith('/__emulator/') ? handleInspection(req, res, emulator) : api.handle(req, res);
    handled.catch((error: unknown) => {
      console.error('notion emulator: request failed', error);
      res.destroy();
    });
  };
  let tls: TlsMaterial | undefined;
  if (options.tls) {
    tls = await makeTlsMaterial(options.tls === true ? {} : { hostNames: options.tls.hostNames });
    emulator.caCertificatePath = tls.caCertificatePath;
    emulator.caCertificate = tls.caCertificate;
  }
  const server: Server = tls ? createTlsServer({ key: tls.key, cert: tls.certificate }, listener) : createServer(listener);
  server.requestTimeout = 0;
  let port: number;
  try {
    port = await listen(server, options.port ?? 0);
  } catch (error) {
    await tls?.dispose();
    throw error;
  }
  url = `${tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  emulator.url = url;
  return emulator;
}
