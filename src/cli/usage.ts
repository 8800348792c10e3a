export const USAGE = `Usage: notion-upload <files or folders…> --page <page link or id> [options]

Streams files to a Notion page through the Notion File Upload API and attaches each one as a block.
The token is read from the NOTION_TOKEN environment variable (never from a flag).

Options:
  --page <link|id>          target page: any Notion page link, or its 32-hex / dashed ID (required)
  --api-base <url>          API base URL (https; http only to localhost). Default https://api.notion.com
  --part-size <MiB>         part size for files above 20 MiB, 5..20. Default 5
  --concurrency <n>         files uploaded at once. Default 3
  --parts-in-flight <n>     parts in flight per large file. Default 3
  --max-speed <rate>        bandwidth cap: MiB/s (e.g. 2.5), or with a unit: 800K, 3M, 1500000B. Default unlimited
  --requests-per-minute <n> request budget shared by all files. Default 180
  --rate <n>/<seconds>      the same budget for a server that counts another window (a proxy, the local emulator): 40/10
  --timeout <seconds>       abort a request without progress after this long. Default 60
  --resume                  keep progress in a state file and resume interrupted uploads of the same files
  --state <file>            the state file. Default ./.notion-upload-sessions.json (implies --resume)
  --as-text                 send text files Notion refuses (.md .py .ts …) as <name>.txt (text/plain)
  --try-unknown-types       send types outside Notion's documented list (.md .csv .zip …) with their standard MIME type;
                            Notion refuses them at create, before any byte, if it must
  --json                    one JSON object per file on stdout: path, uploadId, blockId, bytes, sha256, state, error
  -h, --help                this help

Folders are walked recursively; hidden entries and node_modules inside them are skipped.
Exit status: 0 all files uploaded, 1 any file failed, 2 usage error.
`;
