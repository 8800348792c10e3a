// The File Upload API's allow-list, kept as data (docs/notion-api.md §5). Each MIME type lists the extensions that agree
// with it and the block type it is attached as. Where §5 names an extension without a MIME type of its own
// (.flv .gifv .m4v .mkv .wmv), it is grouped with the nearest listed type, and its own registered type is taken too:
// Notion's CLI sends .mkv as video/x-matroska.

export type AttachBlockType = 'image' | 'video' | 'audio' | 'pdf' | 'file' | 'embed';

export interface FileTypeEntry {
  mime: string;
  extensions: string[];
  block: AttachBlockType;
}

const officeXml = 'application/vnd.openxmlformats-officedocument';

export const defaultFileTypes: readonly FileTypeEntry[] = [
  { mime: 'audio/aac', extensions: ['aac', 'adts'], block: 'audio' },
  { mime: 'audio/midi', extensions: ['mid', 'midi'], block: 'audio' },
  { mime: 'audio/mpeg', extensions: ['mp3', 'mpga'], block: 'audio' },
  { mime: 'audio/mp4', extensions: ['m4a', 'm4b', 'mp4'], block: 'audio' },
  { mime: 'audio/ogg', extensions: ['oga', 'ogg'], block: 'audio' },
  { mime: 'audio/wav', extensions: ['wav'], block: 'audio' },
  { mime: 'audio/x-ms-wma', extensions: ['wma'], block: 'audio' },

  { mime: 'application/pdf', extensions: ['pdf'], block: 'pdf' },
  { mime: 'text/plain', extensions: ['txt'], block: 'file' },
  { mime: 'application/json', extensions: ['json'], block: 'file' },
  { mime: 'application/msword', extensions: ['doc', 'dot'], block: 'file' },
  { mime: `${officeXml}.wordprocessingml.document`, extensions: ['docx'], block: 'file' },
  { mime: `${officeXml}.wordprocessingml.template`, extensions: ['dotx'], block: 'file' },
  { mime: 'application/vnd.ms-excel', extensions: ['xls', 'xlt', 'xla'], block: 'file' },
  { mime: `${officeXml}.spreadsheetml.sheet`, extensions: ['xlsx'], block: 'file' },
  { mime: `${officeXml}.spreadsheetml.template`, extensions: ['xltx'], block: 'file' },
  { mime: 'application/vnd.ms-powerpoint', extensions: ['ppt', 'pot', 'pps', 'ppa'], block: 'file' },
  { mime: `${officeXml}.presentationml.presentation`, extensions: ['pptx'], block: 'file' },
  { mime: `${officeXml}.presentationml.template`, extensions: ['potx'], block: 'file' },

  { mime: 'image/gif', extensions: ['gif'], block: 'image' },
  { mime: 'image/heic', extensions: ['heic'], block: 'image' },
  { mime: 'image/jpeg', extensions: ['jpeg', 'jpg'], block: 'image' },
  { mime: 'image/png', extensions: ['png'], block: 'image' },
  { mime: 'image/svg+xml', extensions: ['svg'], block: 'image' },
  { mime: 'image/tiff', extensions: ['tif', 'tiff'], block: 'image' },
  { mime: 'image/webp', extensions: ['webp'], block: 'image' },
  { mime: 'image/vnd.microsoft.icon', extensions: ['ico'], block: 'image' },

  { mime: 'video/x-amv', extensions: ['amv'], block: 'video' },
  { mime: 'video/x-ms-asf', extensions: ['asf', 'wmv'], block: 'video' },
  { mime: 'video/x-msvideo', extensions: ['avi'], block: 'video' },
  { mime: 'video/x-f4v', extensions: ['f4v', 'flv'], block: 'video' },
  { mime: 'video/mp4', extensions: ['mp4', 'm4v', 'gifv'], block: 'video' },
  { mime: 'application/mp4', extensions: ['mp4', 'm4v'], block: 'video' },
  { mime: 'video/webm', extensions: ['webm', 'mkv'], block: 'video' },
  { mime: 'video/quicktime', extensions: ['mov', 'qt'], block: 'video' },
  { mime: 'video/mpeg', extensions: ['mpeg'], block: 'video' },
  { mime: 'video/x-matroska', extensions: ['mkv'], block: 'video' },
  { mime: 'video/x-flv', extensions: ['flv'], block: 'video' },
  { mime: 'video/x-ms-wmv', extensions: ['wmv'], block: 'video' },
  { mime: 'video/x-m4v', extensions: ['m4v'], block: 'video' },

  { mime: 'text/html', extensions: ['html', 'htm'], block: 'embed' },
];

/** The later, wider list (an [open] item, behind the `wideTypeList` switch): source and data files. */
export const wideFileTypeAdditions: readonly FileTypeEntry[] = [
  { mime: 'text/csv', extensions: ['csv'], block: 'file' },
  { mime: 'text/markdown', extensions: ['md', 'markdown'], block: 'file' },
  { mime: 'text/x-python', extensions: ['py'], block: 'file' },
  { mime: 'application/x-ipynb+json', extensions: ['ipynb'], block: 'file' },
  { mime: 'text/javascript', extensions: ['js', 'mjs', 'cjs'], block: 'file' },
  { mime: 'application/typescript', extensions: ['ts', 'tsx'], block: 'file' },
  { mime: 'application/x-yaml', extensions: ['yaml', 'yml'], block: 'file' },
  { mime: 'application/xml', extensions: ['xml'], block: 'file' },
  { mime: 'application/zip', extensions: ['zip'], block: 'file' },
];

/** Which blocks may hold an upload of each attach block type: a `file` block takes anything. */
const blocksAccepting: Record<AttachBlockType, readonly string[]> = {
  image: ['image', 'file'],
  video: ['video', 'file'],
  audio: ['audio', 'file'],
  pdf: ['pdf', 'file'],
  file: ['file'],
  embed: ['embed', 'file'],
};

/** Strips parameters and case: `Text/Plain; charset=utf-8` -> `text/plain`. */
export function bareMime(contentType: string): string {
  return contentType.split(';')[0].trim().toLowerCase();
}

export function extensionOf(filename: string): string | null {
  const dot = filename.lastIndexOf('.');
  if (dot <= 0 || dot === filename.length - 1) return null;
  return filename.slice(dot + 1).toLowerCase();
}

export class FileTypes {
  private readonly entries: readonly FileTypeEntry[];

  constructor(wide: boolean) {
    this.entries = wide ? [...defaultFileTypes, ...wideFileTypeAdditions] : defaultFileTypes;
  }

  isSupportedMime(contentType: string): boolean {
    return this.entryFor(contentType) !== undefined;
  }

  isSupportedExtension(extension: string): boolean {
    return this.entries.some((entry) => entry.extensions.includes(extension));
  }

  /** True when the extension is one of those listed for this MIME type. */
  agree(extension: string, contentType: string): boolean {
    return this.entryFor(contentType)?.extensions.includes(extension) ?? false;
  }

  /** The MIME type a filename implies when nothing else names one: where the extension comes first, else any listing. */
  mimeForExtension(extension: string): string | undefined {
    const primary = this.entries.find((entry) => entry.extensions[0] === extension);
    return (primary ?? this.entries.find((entry) => entry.extensions.includes(extension)))?.mime;
  }

  /** True when an upload of this type may go into a block of this type. */
  fitsBlock(contentType: string, blockType: string): boolean {
    const entry = this.entryFor(contentType);
    return entry !== undefined && blocksAccepting[entry.block].includes(blockType);
  }

  private entryFor(contentType: string): FileTypeEntry | undefined {
    const mime = bareMime(contentType);
    return this.entries.find((entry) => entry.mime === mime);
  }
}
