import { DEFAULT_ALLOWED_FILE_TYPES, TEXT_EXTENSIONS, TEXT_FILE_NAMES, type AllowedFileType, type FileKind } from './fileTypeAllowList';

export type BlockType = 'image' | 'video' | 'audio' | 'pdf' | 'file' | 'embed';

/** Lowercase extension without the dot; a dotfile such as `.gitignore` counts as its own extension. */
export function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  if (dot < 0 || dot === fileName.length - 1) return '';
  return fileName.slice(dot + 1).toLowerCase();
}

export function findAllowedType(fileName: string, allowList: readonly AllowedFileType[] = DEFAULT_ALLOWED_FILE_TYPES): AllowedFileType | undefined {
  const extension = extensionOf(fileName);
  return extension ? allowList.find((type) => type.extension === extension) : undefined;
}

export function isKnownTextFile(fileName: string): boolean {
  const extension = extensionOf(fileName);
  if (extension) return TEXT_EXTENSIONS.includes(extension);
  return TEXT_FILE_NAMES.includes(fileName.toLowerCase());
}

/**
 * The block a file of this kind is attached as. A web page goes into a `file` block unless `htmlAs` asks for an
 * embed: Notion's API reference lists file, image, pdf, audio and video as the blocks that take an upload.
 */
export function blockTypeFor(kind: FileKind, htmlAs: 'file' | 'embed' = 'file'): BlockType {
  switch (kind) {
    case 'image': return 'image';
    case 'video': return 'video';
    case 'audio': return 'audio';
    case 'pdf': return 'pdf';
    case 'webPage': return htmlAs;
    case 'document': return 'file';
  }
}
