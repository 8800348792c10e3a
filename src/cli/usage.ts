import { flagName, TUNABLE_SETTINGS } from '../core/light';

const OPTION_COLUMN = 28;

/** The knobs' lines, from the settings table: flag, unit, what it does, range and default, and any older name. */
const tunableLines = TUNABLE_SETTINGS.map((setting) => {
  const flag = `  --${flagName(setting.key)} <${setting.unit}>`;
  const oldNames = setting.oldFlags.length ? ` Also --${setting.oldFlags.join(', --')}.` : '';
  const speedUnits = setting.key === 'maxUploadSpeed' ? ' Also with a unit: 800K, 3M, 1500000B.' : '';
  // A flag too long for the column puts its text on the next line, indented to the column.
  const lead = flag.length < OPTION_COLUMN ? flag.padEnd(OPTION_COLUMN) : `${flag}\n${' '.repeat(OPTION_COLUMN)}`;
  return `${lead}${setting.description} ${setting.min}..${setting.max}, default ${setting.default}.${speedUnits}${oldNames}`;
}).join('\n');

export const USAGE = `Usage: notion-upload <files or folders…> --page <page link or id> [options]

Streams files to a Notion page through the Notion File Upload API and attaches each one as a block.
The token is read from the NOTION_TOKEN environment variable (never from a flag).

Options:
  --page <link|id>          target page: any Notion page link, or its 32-hex / dashed ID (required)
  --api-base <url>          API base URL (https; http only to localhost). Default https://api.notion.com
${tunableLines}
  --rate <n>/<seconds>      the same budget for a server that counts another window (a proxy, the local emulator): 40/10
  --timeout <seconds>       abort a request without progress after this long. Default 60
  --resume                  keep progress in a state file and resume interrupted uploads of the same files
  --state <file>            the state file. Default ./.notion-upload-sessions.json (implies --resume)
                            it also remembers the files put on each page: running again skips those unchanged
  --upload-again            upload files again that the state file says an earlier run already put on the page
  --markdown page|text|skip .md files: publish each as a child page of --page (default; images and linked files
                            beside it are uploaded into it; publishing again updates that page), send as text, or skip
  --as-text                 send text files Notion refuses (.md .py .ts …) as <name>.txt (text/plain)
  --try-unknown-types       send types outside Notion's documented list (.md .csv .zip …) with their standard MIME type;
                            Notion refuses them at create, before any byte, if it must
  --json                    one JSON object per file on stdout: path, uploadId, blockId, bytes, sha256, state, error;
                            for a .md to publish: path, page, blocks, uploaded, reused, warnings, state, error.
                            Each file to send or publish gets its line, also when the run stops before sending (state
                            failed, or cancelled with code interrupted after Ctrl-C; code state_file_busy: another run
                            holds --state); a .md stopped by Ctrl-C while publishing is cancelled, code publish_stopped
  -h, --help                this help

Folders are walked recursively; hidden entries and node_modules inside them are skipped.
Behind a proxy set HTTPS_PROXY (http://user:password@host:port) and NO_PROXY; if the proxy inspects HTTPS,
trust its CA with NODE_EXTRA_CA_CERTS=<its PEM file>.
Exit status: 0 all files uploaded, 1 any file failed, 2 usage error, 130 stopped by Ctrl-C before anything was
sent or by a second Ctrl-C. The --page is read once before anything is sent: a page Notion cannot find, or an answer
that is not that page (from a proxy or a wrong --api-base), stops the run.
`;
