/** The parts of a stat result that tell what a path is. */
export interface FileKindStats {
  isDirectory(): boolean;
  isFIFO(): boolean;
  isSocket(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
}

/** What a path that is not a regular file is, in words for a message that refuses it: "a folder", "a device", … */
export function describeFileKind(stats: FileKindStats): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  return 'something other than a regular file';
}
