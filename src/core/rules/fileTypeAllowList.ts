// Data: the file types Notion's File Upload API accepts (docs/notion-api.md §5). Notion widens this over time; edit here only.
export type FileKind = 'audio' | 'document' | 'image' | 'pdf' | 'video' | 'webPage';

export interface AllowedFileType {
  extension: string; // lowercase, without the dot
  mimeType: string;
  kind: FileKind;
}

const audio: Array<[string, string]> = [
  ['aac', 'audio/aac'], ['adts', 'audio/aac'], ['mid', 'audio/midi'], ['midi', 'audio/midi'], ['mp3', 'audio/mpeg'],
  ['mpga', 'audio/mpeg'], ['m4a', 'audio/mp4'], ['m4b', 'audio/mp4'], ['oga', 'audio/ogg'], ['ogg', 'audio/ogg'],
  ['wav', 'audio/wav'], ['wma', 'audio/x-ms-wma'],
];
const documents: Array<[string, string]> = [
  ['txt', 'text/plain'], ['json', 'application/json'],
  ['doc', 'application/msword'], ['dot', 'application/msword'],
  ['docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  ['dotx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.template'],
  ['xls', 'application/vnd.ms-excel'], ['xlt', 'application/vnd.ms-excel'], ['xla', 'application/vnd.ms-excel'],
  ['xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  ['xltx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.template'],
  ['ppt', 'application/vnd.ms-powerpoint'], ['pot', 'application/vnd.ms-powerpoint'],
  ['pps', 'application/vnd.ms-powerpoint'], ['ppa', 'application/vnd.ms-powerpoint'],
  ['pptx', 'application/vnd.openxmlformats-officedocument.presentationml.presentation'],
  ['potx', 'application/vnd.openxmlformats-officedocument.presentationml.template'],
];
const images: Array<[string, string]> = [
  ['gif', 'image/gif'], ['heic', 'image/heic'], ['jpeg', 'image/jpeg'], ['jpg', 'image/jpeg'], ['png', 'image/png'],
  ['svg', 'image/svg+xml'], ['tif', 'image/tiff'], ['tiff', 'image/tiff'], ['webp', 'image/webp'],
  ['ico', 'image/vnd.microsoft.icon'],
];
// Each extension with its own registered (IANA or de facto) type, as Notion's own CLI sends them (.mkv
// video/x-matroska), not the nearest type in Notion's table; .gifv is an MP4 video under another name.
const videos: Array<[string, string]> = [
  ['amv', 'video/x-amv'], ['asf', 'video/x-ms-asf'], ['wmv', 'video/x-ms-wmv'], ['avi', 'video/x-msvideo'],
  ['f4v', 'video/x-f4v'], ['flv', 'video/x-flv'], ['gifv', 'video/mp4'], ['m4v', 'video/x-m4v'], ['mp4', 'video/mp4'],
  ['mkv', 'video/x-matroska'], ['webm', 'video/webm'], ['mov', 'video/quicktime'], ['qt', 'video/quicktime'],
  ['mpeg', 'video/mpeg'],
];

export const DEFAULT_ALLOWED_FILE_TYPES: readonly AllowedFileType[] = [
  ...audio.map(([extension, mimeType]) => ({ extension, mimeType, kind: 'audio' as const })),
  { extension: 'pdf', mimeType: 'application/pdf', kind: 'pdf' },
  ...documents.map(([extension, mimeType]) => ({ extension, mimeType, kind: 'document' as const })),
  ...images.map(([extension, mimeType]) => ({ extension, mimeType, kind: 'image' as const })),
  ...videos.map(([extension, mimeType]) => ({ extension, mimeType, kind: 'video' as const })),
  { extension: 'html', mimeType: 'text/html', kind: 'webPage' },
  { extension: 'htm', mimeType: 'text/html', kind: 'webPage' },
];

/** Text formats Notion refuses that read fine as plain text: offered as `<name>.txt` (text/plain). */
export const TEXT_EXTENSIONS: readonly string[] = [
  'md', 'markdown', 'mdx', 'rst', 'adoc', 'tex', 'log', 'csv', 'tsv', 'ipynb',
  'js', 'mjs', 'cjs', 'jsx', 'ts', 'mts', 'cts', 'tsx', 'vue', 'svelte', 'css', 'scss', 'sass', 'less',
  'py', 'pyi', 'rb', 'php', 'pl', 'lua', 'r', 'go', 'rs', 'java', 'kt', 'kts', 'scala', 'swift', 'dart',
  'c', 'h', 'cc', 'cpp', 'cxx', 'hpp', 'hh', 'cs', 'fs', 'm', 'mm', 'sql', 'graphql', 'proto',
  'sh', 'bash', 'zsh', 'fish', 'ps1', 'bat', 'cmd',
  'yaml', 'yml', 'toml', 'ini', 'cfg', 'conf', 'properties', 'env', 'xml', 'xsd', 'gradle', 'lock',
  'gitignore', 'gitattributes', 'editorconfig', 'dockerignore', 'npmrc',
];

/** Extensionless file names that are text by convention. */
export const TEXT_FILE_NAMES: readonly string[] = [
  'makefile', 'dockerfile', 'license', 'readme', 'changelog', 'authors', 'contributing', 'procfile', 'gemfile',
];

/**
 * The registered (IANA) or de facto standard MIME type of common extensions outside Notion's documented list: what a
 * file goes with when the user asks to try an unknown type anyway, so that Notion, which checks the type at create,
 * refuses it before any byte is sent, or takes it if its list has grown.
 */
export const STANDARD_MIME_TYPES: Readonly<Record<string, string>> = {
  md: 'text/markdown', markdown: 'text/markdown', csv: 'text/csv', tsv: 'text/tab-separated-values', zip: 'application/zip',
  gz: 'application/gzip', tar: 'application/x-tar', '7z': 'application/x-7z-compressed', rtf: 'application/rtf',
  xml: 'application/xml', yaml: 'application/yaml', yml: 'application/yaml', toml: 'application/toml', css: 'text/css',
  js: 'text/javascript', mjs: 'text/javascript', ts: 'application/typescript', py: 'text/x-python', ipynb: 'application/x-ipynb+json',
  sql: 'application/sql', sh: 'application/x-sh', odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet', odp: 'application/vnd.oasis.opendocument.presentation',
  epub: 'application/epub+zip', bmp: 'image/bmp', avif: 'image/avif', flac: 'audio/flac', opus: 'audio/opus',
  ogv: 'video/ogg', '3gp': 'video/3gpp',
};

/** Whether a file Notion's documented list lacks has a standard MIME type to try it with. */
export function hasStandardMimeType(fileName: string): boolean {
  const dot = fileName.lastIndexOf('.');
  return dot > 0 && STANDARD_MIME_TYPES[fileName.slice(dot + 1).toLowerCase()] !== undefined;
}
