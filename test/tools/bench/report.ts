// The Markdown a bench run prints: every client side by side, then the targets with pass or miss (never asserted).
import { GiB, MiB } from './benchFiles';
import { describeLinkPartSize } from './linkPartSizeScenario';
import type { BenchReport, ClientRunResult } from './results';
import { UNLIMITED_REQUESTS_PER_MINUTE } from './throughputScenario';

const fixed = (value: number | null | undefined, digits = 2): string => (value === null || value === undefined ? '–' : value.toFixed(digits));
const ratio = (value: number | null, base: number | null): number | null => (value === null || base === null || base === 0 ? null : value / base);

function curlFor(results: ClientRunResult[], fileLabel: string): ClientRunResult | undefined {
  return results.find((result) => result.client === 'curl' && result.fileLabel === fileLabel && result.ok);
}

function throughputTable(results: ClientRunResult[]): string[] {
  const lines = [
    '| File | Client | Wall s | MiB/s | CPU s | Peak RSS MiB | Loop p99 ms | Loop max ms | Idle Node p99 / max ms | Wall ×curl | CPU ×curl | Parts | Result |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|',
  ];
  for (const result of results) {
    const curl = curlFor(results, result.fileLabel);
    const cells = result.ok
      ? [
          fixed(result.wallSeconds),
          fixed(result.mibPerSecond, 1),
          fixed(result.cpuSeconds),
          fixed(result.maxRssBytes === null ? null : result.maxRssBytes / MiB, 1),
          fixed(result.loopDelay?.p99Ms, 1),
          fixed(result.loopDelay?.maxMs, 1),
          `${fixed(result.idleLoopDelay?.p99Ms, 1)} / ${fixed(result.idleLoopDelay?.maxMs, 1)}`,
          fixed(ratio(result.wallSeconds, curl?.wallSeconds ?? null)),
          fixed(ratio(result.cpuSeconds, curl?.cpuSeconds ?? null)),
        ]
      : Array<string>(9).fill('–');
    const parts = `${result.partsTotal ?? (result.planParts === 1 ? 1 : '–')}/${result.planParts}`;
    lines.push(`| ${result.fileLabel} | ${result.client} | ${cells.join(' | ')} | ${parts} | ${verdict(result)} |`);
  }
  return lines;
}

function verdict(result: ClientRunResult): string {
  if (!result.ok) return `FAILED: ${result.failure ?? ''}`.replace(/\|/g, '/').slice(0, 160);
  return result.attached ? 'ok (sha256 + 1 block)' : 'ok (sha256; uploads only, attaches nothing)';
}

function networkTable(network: NonNullable<BenchReport['network']>): string[] {
  const lines = [
    '',
    `### Over a shaped link: ${network.latencyMs} ms added per request, ${network.bandwidthMbit} Mbit/s shared receive link`,
    '',
    `Link bound: the file's bytes at ${network.bandwidthMbit} Mbit/s, plus ${network.latencyMs} ms for each request round trip our plan needs (create; the sends, ${network.partsInFlight} at a time; complete; attach). ntn neither attaches nor sends parts side by side.`,
    '',
    'Strict bound: the bytes, plus only the round trips no client can hide behind another part\'s bytes (create, the last part\'s answer, complete, attach).',
    '',
    '| File | Client | Requests | Wall s | MiB/s | Link bound s | Bound ÷ wall | Strict bound s | Strict ÷ wall | Result |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---|',
  ];
  for (const result of network.results) {
    const bound = network.bounds.find((entry) => entry.fileLabel === result.fileLabel);
    const share = result.ok ? ratio(bound?.boundSeconds ?? null, result.wallSeconds) : null;
    const strict = result.ok ? ratio(bound?.strictSeconds ?? null, result.wallSeconds) : null;
    const percent = (value: number | null): string => (value === null ? '–' : `${(value * 100).toFixed(0)} %`);
    lines.push(
      `| ${result.fileLabel} | ${result.client} | ${result.requests ?? '–'} | ${fixed(result.ok ? result.wallSeconds : null)} | ${fixed(result.ok ? result.mibPerSecond : null, 1)} | ${fixed(bound?.boundSeconds)} | ${percent(share)} | ${fixed(bound?.strictSeconds)} | ${percent(strict)} | ${verdict(result)} |`,
    );
  }
  return lines;
}

interface Target {
  name: string;
  figure: string;
  met: boolean | null;
}

/** Peak RSS our CLI is to stay within at every size, http or https (#12). */
const RSS_TARGET_MIB = 56;

function targets(report: BenchReport): Target[] {
  const list: Target[] = [];
  const ours = report.throughput.filter((result) => result.client === 'our CLI');
  for (const cli of ours) {
    const curl = curlFor(report.throughput, cli.fileLabel);
    const wall = cli.ok ? ratio(cli.wallSeconds, curl?.wallSeconds ?? null) : null;
    const cpu = cli.ok ? ratio(cli.cpuSeconds, curl?.cpuSeconds ?? null) : null;
    const p99 = cli.ok ? (cli.loopDelay?.p99Ms ?? null) : null;
    list.push({ name: `wall ≤ 1.25× curl (${cli.fileLabel})`, figure: `${fixed(wall)}×`, met: wall === null ? null : wall <= 1.25 });
    list.push({ name: `CPU ≤ 2× curl (${cli.fileLabel})`, figure: `${fixed(cpu)}×`, met: cpu === null ? null : cpu <= 2 });
    list.push({ name: `p99 event-loop delay ≤ 10 ms (${cli.fileLabel})`, figure: `${fixed(p99, 1)} ms`, met: p99 === null ? null : p99 <= 10 });
  }
  // --json hashes what it streams (sha256): the same upload's CPU with and without it, and what sha256 alone costs on
  // this CPU, the floor of that difference.
  for (const hashed of report.throughput.filter((result) => result.client === 'our CLI --json')) {
    const plain = ours.find((result) => result.fileLabel === hashed.fileLabel);
    const perGiB = (result: ClientRunResult | undefined): number | null => (result?.ok && result.cpuSeconds !== null ? result.cpuSeconds / (result.sizeBytes / GiB) : null);
    const [withHash, without] = [perGiB(hashed), perGiB(plain)];
    const factor = ratio(withHash, without);
    const floor = report.machine.sha256SecondsPerGiB;
    const floorShare = floor !== undefined && without !== null ? ` (sha256 alone: ${fixed(floor)} s/GiB, ${((floor / without) * 100).toFixed(0)} % of the run without it)` : '';
    list.push({
      name: `CPU per GiB with hashing ≤ 1.10× without (${hashed.fileLabel})`,
      figure: factor === null ? '–' : `${fixed(withHash)} vs ${fixed(without)} s/GiB, ${fixed(factor)}×${floorShare}`,
      met: factor === null ? null : factor <= 1.1,
    });
  }
  for (const cli of report.throughput.filter((result) => result.client.startsWith('our CLI') && result.ok && result.maxRssBytes !== null)) {
    const rss = (cli.maxRssBytes ?? 0) / MiB;
    list.push({ name: `peak RSS ≤ ${RSS_TARGET_MIB} MiB (${cli.client}, ${cli.fileLabel})`, figure: `${fixed(rss, 1)} MiB`, met: rss <= RSS_TARGET_MIB });
  }
  const small = ours.find((result) => result.fileLabel === '200 MiB');
  const big = ours.find((result) => result.fileLabel === '2 GiB');
  if (small?.ok && big?.ok && small.maxRssBytes !== null && big.maxRssBytes !== null) {
    list.push({
      name: 'RSS at 2 GiB ≤ RSS at 200 MiB + 8 MiB',
      figure: `${fixed(big.maxRssBytes / MiB, 1)} vs ${fixed(small.maxRssBytes / MiB, 1)} + 8 MiB`,
      met: big.maxRssBytes <= small.maxRssBytes + 8 * MiB,
    });
  } else {
    list.push({ name: 'RSS at 2 GiB ≤ RSS at 200 MiB + 8 MiB', figure: 'needs both sizes (full run)', met: null });
  }
  for (const cli of report.network?.results.filter((result) => result.client === 'our CLI') ?? []) {
    const bound = report.network?.bounds.find((entry) => entry.fileLabel === cli.fileLabel);
    const share = cli.ok ? ratio(bound?.boundSeconds ?? null, cli.wallSeconds) : null;
    list.push({ name: `≥ 90 % of the link bound (${cli.fileLabel})`, figure: share === null ? '–' : `${(share * 100).toFixed(0)} %`, met: share === null ? null : share >= 0.9 });
  }
  for (const limited of report.rateLimited) {
    const name = `rate-limited total ≤ 1.15× bound, zero 429s (${limited.label})`;
    if (!limited.ok) {
      list.push({ name, figure: limited.failure ?? 'failed', met: null });
      continue;
    }
    const factor = limited.wallSeconds / limited.boundSeconds;
    list.push({ name, figure: `${fixed(factor)}× bound, ${limited.rateLimited} × 429`, met: factor <= 1.15 && limited.rateLimited === 0 });
    if (limited.requestsPerFile !== null && limited.blocksInSortedOrder !== null) {
      list.push({
        name: `folder: ≤ 2.05 requests per file, ≤ 1.1× bound, zero 429s, blocks in sorted order (${limited.label})`,
        figure: `${fixed(limited.requestsPerFile)} per file, ${fixed(factor)}× bound, ${limited.rateLimited} × 429, ${limited.blocksInSortedOrder ? 'sorted' : 'not sorted'}`,
        met: limited.requestsPerFile <= 2.05 && factor <= 1.1 && limited.rateLimited === 0 && limited.blocksInSortedOrder,
      });
    }
  }
  return list;
}

export function renderMarkdown(report: BenchReport): string {
  const machine = report.machine;
  const lines = [
    `## Upload benchmark ${report.startedAt}${report.quick ? ' (quick)' : ''}`,
    '',
    `Node ${machine.node}, ${machine.curl}, ${machine.cpus} CPUs, load average ${machine.loadAverageBefore.map((load) => load.toFixed(2)).join(' ')} before / ${machine.loadAverageAfter.map((load) => load.toFixed(2)).join(' ')} after. Parts in flight: ${report.partsInFlight}.`,
    'Wall: spawn to exit. CPU: user + system of the client process(es) (GNU time). RSS: peak of the client process (for curl: the largest curl process). Loop delay: timer lateness beyond a 10 ms resolution, from the end of start-up (module loading) to exit, Node clients only; idle Node: the same figure from an idle Node process alive during the run (machine noise).',
    'Clients run without NODE_EXTRA_CA_CERTS, as a default Node does (Node reads every certificate it names into each process); over https it names the emulator\'s CA alone, and Node\'s own roots load as they do for api.notion.com.',
    `Throughput runs: the emulator enforces no request budget and our CLI is told --requests-per-minute ${UNLIMITED_REQUESTS_PER_MINUTE}; the budget is measured in the rate-limited scenarios.`,
    ...(report.throughput.length > 0 ? ['', ...throughputTable(report.throughput)] : []),
  ];
  if (report.rateLimited.length > 0) {
    lines.push(
      '',
      '### Rate-limited: many small files through our CLI while the emulator enforces a request budget',
      '',
      '| Scenario | Files | Emulator budget | CLI told | Requests needed | Requests made | 429s | Bound s (needed / budget × window) | Wall s | × bound | Result |',
      '|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---|',
    );
  }
  for (const limited of report.rateLimited) {
    const budget = `${limited.budget.requests} per ${limited.budget.windowMs / 1000} s`;
    const verdict = limited.ok ? 'ok (sha256 + 1 block each)' : `FAILED: ${limited.failure ?? ''}`.replace(/\|/g, '/').slice(0, 160);
    lines.push(
      `| ${limited.label} | ${limited.files} × ${limited.fileBytes / 1024} KiB | ${budget} | ${limited.cliBudget} | ${limited.requestsNeeded} | ${limited.requestsMade} | ${limited.rateLimited} | ${fixed(limited.boundSeconds, 1)} | ${fixed(limited.wallSeconds, 1)} | ${fixed(limited.ok ? limited.wallSeconds / limited.boundSeconds : null)} | ${verdict} |`,
    );
  }
  for (const folder of report.rateLimited.filter((limited) => limited.blocksInSortedOrder !== null)) {
    lines.push(
      '',
      `Folder run (${folder.label}): requests per file: ${fixed(folder.requestsPerFile)}; blocks in sorted order: ${folder.blocksInSortedOrder ? 'yes' : `no (${folder.orderNote ?? ''})`}.`,
    );
  }
  if (report.network) lines.push(...networkTable(report.network));
  if (report.linkPartSize) lines.push(...describeLinkPartSize(report.linkPartSize));
  lines.push('', '### Targets (reported, not asserted)', '', '| Target | Figure | |', '|---|---|---|');
  for (const target of targets(report)) {
    lines.push(`| ${target.name} | ${target.figure} | ${target.met === null ? 'not measured' : target.met ? 'pass' : 'miss'} |`);
  }
  return `${lines.join('\n')}\n`;
}
