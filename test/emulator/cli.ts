// `npm run emulator -- --port <n> --token <t> [--plan free|paid] [--page <id>] [--rate <requests>/<seconds>]
// [--fault '<FaultRule JSON>']... [--tls] [--token-kind pat|integration] [--latency <ms>] [--bandwidth-mbit <megabits per
// second>] [--nice <n>]`: runs the emulator in the foreground until SIGINT/SIGTERM. With --tls it serves HTTPS under a throwaway CA and
// prints the CA's file, for NODE_EXTRA_CA_CERTS.
import { parseArgs } from 'node:util';
import { lowerOwnPriority } from '../support/lowPriority';
import { ruleFromJson } from './faults';
import { defaultRateLimit, defaultToken, start } from './index';
import { validateNetworkProfile, type NetworkProfile } from './networkProfile';
import type { EmulatorOptions, FaultRule, PlanName, RateLimit } from './types';

const USAGE = `Usage: npm run emulator -- [options]

Runs the local Notion API emulator in the foreground until Ctrl-C.

Options:
  --port <n>               TCP port on 127.0.0.1 (default: any free port; the URL is printed)
  --token <t>              the token it accepts (default ${defaultToken})
  --plan free|paid         the workspace plan: 5 MiB or 5 GiB per file (default paid)
  --page <id>              the ID of the page shared with the token (default: a new one, printed)
  --rate <n>/<seconds>     its request limit, or off (default ${defaultRateLimit.requests}/${defaultRateLimit.windowMs / 1000})
  --fault '<rule JSON>'    a fault rule (repeatable), as in test/emulator/faults.ts
  --tls                    serve HTTPS under a throwaway CA; prints "CA certificate: <path>" for NODE_EXTRA_CA_CERTS
  --token-kind pat|integration
                           answer users/me as for a personal access token or an integration (default integration)
  --latency <ms>           added to every answer (a network profile)
  --bandwidth-mbit <n>     received bytes paced to this many megabits per second
  --nice <n>               run at a lower CPU priority (nice value 0-19): Notion's servers cost a user's machine
                           nothing, so a client measured on the same machine should not compete with them; when
                           the emulator leads its own session (started detached), its scheduling group too
  -h, --help               this help
`;

function parseRate(text: string): RateLimit | false {
  if (text === 'off') return false;
  const match = /^(\d+)\/(\d+(?:\.\d+)?)$/.exec(text);
  if (!match) throw new Error(`--rate wants <requests>/<seconds> or off, got ${text}`);
  return { requests: Number(match[1]), windowMs: Number(match[2]) * 1000 };
}

function parsePlan(text: string | undefined): PlanName | undefined {
  if (text === undefined || text === 'free' || text === 'paid') return text;
  throw new Error(`--plan wants free or paid, got ${text}`);
}

function parseTokenKind(text: string | undefined): 'pat' | 'integration' | undefined {
  if (text === undefined || text === 'pat' || text === 'integration') return text;
  throw new Error(`--token-kind wants pat or integration, got ${text}`);
}

function parseNice(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const nice = Number(text);
  if (!(Number.isInteger(nice) && nice >= 0 && nice <= 19)) throw new Error(`--nice wants a whole number from 0 to 19, got ${text}`);
  return nice;
}

function parseNetwork(latency: string | undefined, bandwidthMbit: string | undefined): NetworkProfile | undefined {
  if (latency === undefined && bandwidthMbit === undefined) return undefined;
  const profile = { latencyMs: latency === undefined ? undefined : Number(latency), bandwidthMbit: bandwidthMbit === undefined ? undefined : Number(bandwidthMbit) };
  validateNetworkProfile(profile);
  return profile;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      token: { type: 'string' },
      plan: { type: 'string' },
      page: { type: 'string' },
      rate: { type: 'string' },
      fault: { type: 'string', multiple: true },
      tls: { type: 'boolean' },
      'token-kind': { type: 'string' },
      latency: { type: 'string' },
      'bandwidth-mbit': { type: 'string' },
      nice: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  const options: EmulatorOptions = {
    port: values.port === undefined ? undefined : Number(values.port),
    token: values.token,
    plan: parsePlan(values.plan),
    pageId: values.page,
    rateLimit: values.rate === undefined ? undefined : parseRate(values.rate),
    tls: values.tls,
    tokenKind: parseTokenKind(values['token-kind']),
    network: parseNetwork(values.latency, values['bandwidth-mbit']),
  };
  if (options.port !== undefined && !(Number.isInteger(options.port) && options.port >= 0 && options.port < 65536)) {
    throw new Error(`--port wants a TCP port, got ${values.port}`);
  }
  const faults: FaultRule[] = (values.fault ?? []).map((text) => ruleFromJson(JSON.parse(text)));
  const nice = parseNice(values.nice);
  // Before the emulator starts, so that the threads it starts (libuv's pool) inherit the lower priority too.
  const lowered = nice === undefined ? undefined : lowerOwnPriority(nice);

  const emulator = await start(options);
  for (const rule of faults) emulator.addFault(rule);
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    emulator.stop().then(
      () => {
        console.log(`Notion emulator stopped (${signal})`);
        process.exit(0);
      },
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  // Before the announcement: a caller that reads it may stop the emulator at once.
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  console.log(`Notion emulator listening on ${emulator.url}`);
  console.log(`Shared page: ${emulator.pageId}`);
  if (emulator.caCertificatePath) console.log(`CA certificate: ${emulator.caCertificatePath}`);
  if (lowered) console.log(`CPU priority: nice ${lowered.nice}${lowered.group ? ', its session\'s scheduling group too' : ''}`);
  if (options.network) console.log(`Network profile: ${options.network.latencyMs ?? 0} ms added per request, ${options.network.bandwidthMbit ?? 'unlimited'} Mbit/s received`);
}

main().catch((error: unknown) => {
  console.error(`notion emulator: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
});
