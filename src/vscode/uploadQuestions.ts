import { extensionOf, formatBytes } from '../core/light';
import type { FileToUpload } from './folderExpansion';
import { blocksStillOnPage, recordedBlockListed, type BlockLister } from './blocksStillOnPage';
import { findEarlierUploads } from './earlierUploads';
import { fileNameOf, type PreparedFile } from './filePreparation';
import { isMarkdownUri } from './publishCommand';
import { findSensitiveFiles } from './sensitiveFiles';
import type { UiHolder } from './ui';
import type { UploadRecord } from './uploadRecord';

/**
 * The questions asked before anything is uploaded. Each resolves to undefined when the user backs out of the upload.
 * The first choice is the one Enter picks (see Ui.ask): it is always the one that sends nothing more.
 */
export class UploadQuestions {
  constructor(
    private readonly ui: UiHolder,
    private readonly record: UploadRecord,
  ) {}

  /**
   * A folder's files, counted and sized, before any is sent. Enter picks Don't Upload: a folder can hold far more than
   * the person meant to send, so only a click on the button that names the count sends it.
   */
  async confirmFolderBatch(files: readonly FileToUpload[], excludedCount: number, refusedCount: number, truncated: boolean, pageTitle: string): Promise<boolean> {
    const total = files.reduce((sum, file) => sum + file.sizeBytes, 0);
    const dontUpload = 'Don\'t Upload';
    const upload = `Upload ${files.length} File${files.length === 1 ? '' : 's'}`;
    const listed = files.slice(0, 8).map((file) => `• ${file.displayPath}`).join('\n');
    const more = files.length > 8 ? `\n… and ${files.length - 8} more` : '';
    const notes = [
      excludedCount ? `${excludedCount} entries left out by files.exclude and .gitignore.` : '',
      refusedCount ? `${refusedCount} files left out because Notion would refuse them (listed afterwards).` : '',
      truncated ? `Only the first ${files.length} files are taken.` : '',
    ].filter(Boolean).join(' ');
    const answer = await this.ui.current.ask(
      `Upload ${files.length} file${files.length === 1 ? '' : 's'} (${formatBytes(total)}) to “${pageTitle}”?`,
      `${listed}${more}${notes ? `\n\n${notes}` : ''}`,
      dontUpload,
      upload,
    );
    return answer === upload;
  }

  /**
   * Files that may hold secrets: asked before any other question about them, and only an explicit "Upload" sends them;
   * Enter (the first choice), Escape and closing the dialog leave them out.
   */
  async confirmSensitive<T extends FileToUpload>(files: T[]): Promise<T[] | undefined> {
    const sensitive = await findSensitiveFiles(files);
    if (sensitive.length === 0) return files;
    const single = sensitive.length === 1;
    const skip = single ? 'Skip It' : 'Skip Them';
    const include = single ? 'Upload It Anyway' : 'Upload Them Too';
    const warning = 'Anyone with access to the Notion page can read it. The patterns are in notionUpload.sensitiveFilePatterns.';
    const answer = await this.ui.current.ask(
      single
        ? `“${sensitive[0].file.displayPath}” matches “${sensitive[0].pattern}” and may hold secrets. Upload it anyway?`
        : `${sensitive.length} files may hold secrets. Upload them anyway?`,
      single ? warning : `${sensitive.map(({ file, pattern }) => `• ${file.displayPath} (matches “${pattern}”)`).join('\n')}\n\n${warning}`,
      skip,
      include,
    );
    if (answer === include) return files;
    if (answer !== skip) return undefined;
    const left = new Set<FileToUpload>(sensitive.map(({ file }) => file));
    return files.filter((file) => !left.has(file));
  }

  /**
   * Text files of a type Notion refuses: true to send them as .txt, false to leave them out (the default). A single
   * Markdown file on disk may also be published as a page instead ('publish'), as Publish to Notion does.
   */
  async sendAsText(textOnly: readonly FileToUpload[], pageTitle: string): Promise<boolean | 'publish' | undefined> {
    const asText = 'Upload as .txt';
    const single = textOnly.length === 1;
    const skip = single ? 'Skip It' : 'Skip Them';
    const { types, typeList } = typesOf(textOnly);
    if (single && isMarkdownUri(textOnly[0].uri)) {
      const publish = 'Publish to Notion';
      const answer = await this.ui.current.ask(
        `Notion does not accept ${types[0]} files. Publish “${textOnly[0].displayPath}” as a page in “${pageTitle}”, or upload it as plain text (${fileNameOf(textOnly[0])}.txt)?`,
        `Publish to Notion turns the Markdown into a child page of “${pageTitle}”, with its local images and files. Upload as .txt attaches the file as ${fileNameOf(textOnly[0])}.txt with type text/plain. Set notionUpload.unsupportedTypes to stop this question.`,
        skip,
        publish,
        asText,
      );
      if (answer === undefined) return undefined;
      return answer === publish ? 'publish' : answer === asText;
    }
    const names = textOnly.slice(0, 6).map((file) => `• ${file.displayPath} → ${fileNameOf(file)}.txt`).join('\n') + (textOnly.length > 6 ? `\n… and ${textOnly.length - 6} more` : '');
    const answer = await this.ui.current.ask(
      single
        ? `Notion does not accept ${types[0]} files. Upload “${textOnly[0].displayPath}” as plain text (${fileNameOf(textOnly[0])}.txt)?`
        : `Notion does not accept ${typeList} files. Upload ${textOnly.length} files as plain text (.txt)?`,
      `${single ? `It would arrive as ${fileNameOf(textOnly[0])}.txt` : `${names}\n\nThey would arrive under these names`} with type text/plain. Set notionUpload.unsupportedTypes to stop this question.`,
      skip,
      asText,
    );
    if (answer === undefined) return undefined;
    return answer === asText;
  }

  /**
   * Files of a type off Notion's documented list: Skip (the default, what Enter and Escape choose) or Try Anyway. Asked
   * once per type in a workspace; what Notion then answers is remembered (TypeVerdicts).
   */
  async tryUnknownTypes(files: readonly FileToUpload[]): Promise<boolean | undefined> {
    const tryIt = 'Try Anyway';
    const single = files.length === 1;
    const skip = single ? 'Skip It' : 'Skip Them';
    const { types, typeList } = typesOf(files);
    const answer = await this.ui.current.ask(
      single
        ? `Notion's documented list does not include ${types[0]} files. Try sending “${files[0].displayPath}” anyway?`
        : `Notion's documented list does not include ${typeList} files. Try sending ${files.length} files anyway?`,
      'They go with the standard type for their extension. If Notion does not take the type, it refuses the upload before any byte is sent; this workspace remembers what Notion answered, so the question is not asked again.',
      skip,
      tryIt,
    );
    if (answer === undefined) return undefined;
    return answer === tryIt;
  }

  /** Content already uploaded to this page (same sha256) goes again only when the user says so. */
  /**
   * Files whose content was uploaded to the page before. Only those whose block the page still lists are asked about
   * (`listBlocks` reads the page): one deleted in Notion since is simply uploaded again. When the page cannot be read
   * in full, every one recorded is asked about.
   */
  async confirmDuplicates(files: PreparedFile[], pageId: string, pageTitle: string, listBlocks?: BlockLister): Promise<PreparedFile[] | undefined> {
    const recorded = await findEarlierUploads(files, pageId, this.record);
    if (recorded.length === 0) return files;
    const listed = listBlocks ? await blocksStillOnPage(pageId, listBlocks) : undefined;
    const earlier = listed ? recorded.filter(({ entry }) => recordedBlockListed(entry.blockId, listed)) : recorded;
    if (earlier.length === 0) return files;
    const again = 'Upload Again';
    const skip = earlier.length === 1 ? 'Skip It' : 'Skip Those';
    const lines = earlier.slice(0, 8).map(({ file, entry }) => `• ${file.displayPath} — ${new Date(entry.uploadedAt).toLocaleString()}`).join('\n');
    const single = earlier.length === 1;
    const answer = await this.ui.current.ask(
      single
        ? `“${earlier[0].file.displayPath}” was uploaded to “${pageTitle}” on ${new Date(earlier[0].entry.uploadedAt).toLocaleString()}. Upload again?`
        : `${earlier.length} of these files were uploaded to “${pageTitle}” before. Upload them again?`,
      single ? 'The same content (by sha256) is already on that page.' : `${lines}\n\nThe same content (by sha256) is already on that page.`,
      skip,
      again,
    );
    if (answer === again) return files;
    const sentBefore = new Set(earlier.map((found) => found.file));
    if (answer === skip) return files.filter((file) => !sentBefore.has(file));
    return undefined;
  }
}

/** The distinct types among files, and how a question names them: the first four, then an ellipsis. */
function typesOf(files: readonly FileToUpload[]): { types: string[]; typeList: string } {
  const types = [...new Set(files.map((file) => typeOf(fileNameOf(file))))];
  return { types, typeList: types.length <= 4 ? types.join(', ') : `${types.slice(0, 4).join(', ')}, …` };
}

/** ".ts" for script.ts; the whole name for files without an extension (Dockerfile). */
function typeOf(fileName: string): string {
  const extension = extensionOf(fileName);
  return extension ? `.${extension}` : `“${fileName}”`;
}
