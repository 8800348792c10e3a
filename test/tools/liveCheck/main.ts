// npm run live-check -- --page <page link> [--api-base <url>] [--skip a,b] [--slow-send-seconds N] [--json]
// Observes, against a scratch page, each point where Notion's documentation leaves the client a choice, prints a table
// (documented / observed / what the client does), and removes the blocks it made. The token comes from NOTION_TOKEN.
import { parsePageId } from '../../../src/core/rules/pageLink';
import { LATEST_NOTION_VERSION, NOTION_API_BASE } from '../../../src/core/notion/notionLimits';
import { redactSecrets } from '../../../src/core/errors/redact';
import { NotionProbe } from './notionProbe';
import { PROBES, type ProbeResult } from './probes';

interface Options {
  page: string;
  apiBase: string;
  skip: Set<string>;
  slowSendSeconds: number;
  concurrentAppends: number;
  json: boolean;
}

function parseArguments(argv: string[]): Options {
  const options: Options = { page: '', apiBase: NOTION_API_BASE, skip: new Set(), slowSendSeconds: 75, concurrentAppends: 8, json: false };
  for (let index = 0; index < argv.length; index++) {
    const value = () => {
      const next = argv[++index];
      if (next === undefined) throw new Error(`${argv[index - 1]} needs a value`);
      return next;
    };
    switch (argv[index]) {
      case '--page': options.page = value(); break;
      case '--api-base': options.apiBase = value(); break;
      case '--skip': for (const name of value().split(',')) options.skip.add(name.trim()); break;
      case '--slow-send-seconds': options.slowSendSeconds = Number(value()); break;
      case '--concurrent-appends': options.concurrentAppends = Number(value()); break;
      case '--json': options.json = true; break;
      case '--help':
        console.log(`usage: npm run live-check -- --page <page link> [--api-base <url>] [--skip ${PROBES.map((probe) => probe.name).join(',')}] [--slow-send-seconds N] [--json]`);
        process.exit(0);
      // falls through (exit above)
      default: throw new Error(`unknown option ${argv[index]}`);
    }
  }
  if (!options.page) throw new Error('--page is required: a scratch page the token can edit');
  return options;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s+/g, ' ');
}

async function main(): Promise<number> {
  const options = parseArguments(process.argv.slice(2));
  const token = process.env.NOTION_TOKEN ?? '';
  if (!token) throw new Error('Set NOTION_TOKEN to a token that can edit the page.');
  const probe = new NotionProbe({ apiBase: options.apiBase, token, pageId: parsePageId(options.page), notionVersion: LATEST_NOTION_VERSION });
  const results: ProbeResult[] = [];
  for (const check of PROBES) {
    if (options.skip.has(check.name)) continue;
    let observed: string;
    try {
      observed = await check.run(probe, options);
    } catch (error) {
      observed = `probe failed: ${error instanceof Error ? error.message : String(error)}`;
    }
    results.push({ point: check.point, documented: check.documented, observed: redactSecrets(observed, token), clientDoes: check.clientDoes });
  }
  const cleanup = await probe.removeMadeBlocks();
  if (options.json) {
    console.log(JSON.stringify({ results, cleanup }));
  } else {
    console.log('| Point | Documented | Observed | What the client does |');
    console.log('|---|---|---|---|');
    for (const result of results) console.log(`| ${cell(result.point)} | ${cell(result.documented)} | ${cell(result.observed)} | ${cell(result.clientDoes)} |`);
    console.log(`\nBlocks made by this check: ${cleanup.removed} removed${cleanup.failed ? `, ${cleanup.failed} could not be removed (delete them by hand)` : ''}.`);
  }
  return results.some((result) => result.observed.startsWith('probe failed')) ? 1 : 0;
}

main().then((code) => process.exit(code), (error: unknown) => {
  console.error(`live-check: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
});
