import * as vscode from 'vscode';

const URI_LIST = 'text/uri-list';

/**
 * Files and folders dropped on the Uploads view (from the Explorer or the desktop) go through the same questions as
 * "Upload to Notion" from the Explorer.
 */
export class UploadsDrop implements vscode.TreeDragAndDropController<string> {
  readonly dropMimeTypes = [URI_LIST];
  readonly dragMimeTypes: string[] = [];

  constructor(private readonly upload: (uris: vscode.Uri[]) => Thenable<unknown>) {}

  async handleDrop(_target: string | undefined, dataTransfer: vscode.DataTransfer): Promise<void> {
    const text = await dataTransfer.get(URI_LIST)?.asString();
    const uris = parseUriList(text ?? '');
    if (uris.length > 0) await this.upload(uris);
  }
}

/** RFC 2483: one URI a line, CRLF or LF, lines starting with # are comments. */
export function parseUriList(text: string): vscode.Uri[] {
  return text.split(/\r?\n/).map((line) => line.trim()).filter((line) => line && !line.startsWith('#')).flatMap((line) => {
    try {
      return [vscode.Uri.parse(line, true)];
    } catch {
      return [];
    }
  });
}
