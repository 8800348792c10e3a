// Each uncertain point of docs/notion-api.md as one probe: what Notion documents, what this server answered, and what
// our client does about it. A maintainer with a token runs these against Notion; CI runs them against the emulator.
import { randomBytes } from 'node:crypto';
import { answerCell, type NotionProbe } from './notionProbe';

export interface ProbeResult {
  point: string;
  documented: string;
  observed: string;
  clientDoes: string;
}

export interface Probe {
  name: string;
  point: string;
  documented: string;
  clientDoes: string;
  run(probe: NotionProbe, options: ProbeOptions): Promise<string>;
}

export interface ProbeOptions {
  slowSendSeconds: number;
  concurrentAppends: number;
}

const paragraph = (text: string) => ({ object: 'block', type: 'paragraph', paragraph: { rich_text: [{ type: 'text', text: { content: text } }] } });

export const PROBES: Probe[] = [
  {
    name: 'token',
    point: 'What users/me holds for this token',
    documented: 'integration: a bot with workspace_limits; personal access token: a person, no limits',
    clientDoes: 'with limits: refuses larger files before sending; without: one file above 5 MiB at a time until Notion answers, then the limit it names',
    async run(probe) {
      const me = await probe.call('GET', '/v1/users/me');
      if (me.status !== 200) return answerCell(me);
      const bot = me.body.bot as { workspace_limits?: { max_file_upload_size_in_bytes?: unknown } } | undefined;
      const limit = bot?.workspace_limits?.max_file_upload_size_in_bytes;
      return `${String(me.body.type)}; ${typeof limit === 'number' ? `file limit ${limit} bytes` : 'no workspace limit given'}`;
    },
  },
  {
    name: 'single-part-edge',
    point: 'Single-part size edge (20,000,001 and 20,971,520 bytes)',
    documented: '"up to 20 MB", decimal or binary not said',
    clientDoes: 'single-part only up to 20,000,000 bytes, multi-part above',
    async run(probe) {
      const cells: string[] = [];
      for (const size of [20_000_001, 20_971_520]) {
        const { create, send } = await probe.uploadSmall(`edge-${size}.txt`, 'text/plain', randomBytes(size));
        cells.push(`${size}: ${send ? `send ${answerCell(send)}` : `create ${answerCell(create)}`}`);
      }
      return cells.join('; ');
    },
  },
  {
    name: 'duplicate-part',
    point: 'A part sent twice (its first answer lost)',
    documented: 'not documented',
    clientDoes: 'asks the upload whether the part arrived, never matches error wording',
    async run(probe) {
      const create = await probe.call('POST', '/v1/file_uploads', { mode: 'multi_part', filename: 'twice.txt', content_type: 'text/plain', number_of_parts: 2 });
      const id = typeof create.body.id === 'string' ? create.body.id : undefined;
      if (create.status !== 200 || !id) return `create ${answerCell(create)}`;
      const part = randomBytes(5 * 1024 * 1024);
      const first = await probe.sendFile(id, 'twice.txt', 'text/plain', part, 1);
      const second = await probe.sendFile(id, 'twice.txt', 'text/plain', part, 1);
      const message = typeof second.body.message === 'string' ? `: "${second.body.message.slice(0, 80)}"` : '';
      return `first ${answerCell(first)}, again ${answerCell(second)}${message}`;
    },
  },
  {
    name: 'concurrent-appends',
    point: 'Appends to one page at the same time',
    documented: '409 conflict_error: "try again"',
    clientDoes: 'retries 409; before repeating an append, checks whether it landed',
    async run(probe, options) {
      const answers = await Promise.all(Array.from({ length: options.concurrentAppends }, (_, index) => probe.append(paragraph(`live check ${index + 1}`))));
      const conflicts = answers.filter((answer) => answer.status === 409).length;
      const others = answers.filter((answer) => answer.status !== 200 && answer.status !== 409).map(answerCell);
      return `${conflicts} of ${answers.length} answered 409${others.length ? `; other: ${others.join(', ')}` : ''}`;
    },
  },
  {
    name: 'types',
    point: 'Types outside the documented list (.md .csv .zip .mkv)',
    documented: 'not listed (.mkv only as a group)',
    clientDoes: 'documented list by default; others with --try-unknown-types (CLI), sent with the standard MIME type',
    async run(probe) {
      const cells: string[] = [];
      for (const [name, type] of [['notes.md', 'text/markdown'], ['table.csv', 'text/csv'], ['archive.zip', 'application/zip'], ['clip.mkv', 'video/x-matroska']]) {
        const { create, send } = await probe.uploadSmall(name, type, randomBytes(1000));
        const stored = send?.status === 200 ? ` as ${String(send.body.content_type ?? '?')}` : '';
        cells.push(`${name.slice(name.lastIndexOf('.'))} ${send ? answerCell(send) : `create ${answerCell(create)}`}${stored}`);
      }
      return cells.join('; ');
    },
  },
  {
    name: 'html-embed',
    point: '.html attached as an embed block',
    documented: 'embed is not among the blocks that take a file upload',
    clientDoes: 'attaches .html as a file block',
    async run(probe) {
      const { create, send, uploadId } = await probe.uploadSmall('page.html', 'text/html', Buffer.from('<!doctype html><title>live check</title>'));
      if (!uploadId || send?.status !== 200) return `upload ${send ? answerCell(send) : answerCell(create)}`;
      const embed = await probe.append({ object: 'block', type: 'embed', embed: { type: 'file_upload', file_upload: { id: uploadId } } });
      const file = await probe.append({ object: 'block', type: 'file', file: { type: 'file_upload', file_upload: { id: uploadId }, name: 'page.html' } });
      return `embed ${answerCell(embed)}, file ${answerCell(file)}`;
    },
  },
  {
    name: 'position',
    point: '`position` on an append, per Notion-Version',
    documented: 'position is the 2026-03-11 way to place blocks',
    clientDoes: 'sends position {type: end} with 2026-03-11',
    async run(probe) {
      const cells: string[] = [];
      for (const version of ['2022-06-28', '2025-09-03', '2026-03-11']) {
        cells.push(`${version} ${answerCell(await probe.append(paragraph(`position under ${version}`), { version }))}`);
      }
      return cells.join('; ');
    },
  },
  {
    name: 'time-limit',
    point: 'A send slower than the request time limit',
    documented: '503 service_unavailable after 60 s',
    clientDoes: 'plans each request to take about half the limit at most',
    async run(probe, options) {
      const create = await probe.call('POST', '/v1/file_uploads', { mode: 'single_part', filename: 'slow.txt', content_type: 'text/plain' });
      const id = typeof create.body.id === 'string' ? create.body.id : undefined;
      if (create.status !== 200 || !id) return `create ${answerCell(create)}`;
      const send = await probe.sendFile(id, 'slow.txt', 'text/plain', { size: 1024 * 1024, overMs: options.slowSendSeconds * 1000 });
      return `sent over ${options.slowSendSeconds} s: ${answerCell(send)} after ${(send.ms / 1000).toFixed(1)} s`;
    },
  },
];
