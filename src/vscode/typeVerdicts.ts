import type * as vscode from 'vscode';

const STATE_KEY = 'notionUpload.triedTypes';

export type TypeVerdict = 'accepted' | 'refused';

/**
 * What Notion said, in this workspace, about a file type off its documented list once the user tried it: the question
 * is asked once per type, and the answer Notion gave is what counts next time.
 */
export class TypeVerdicts {
  constructor(private readonly state: vscode.Memento) {}

  get(extension: string): TypeVerdict | undefined {
    return this.state.get<Record<string, TypeVerdict>>(STATE_KEY, {})[extension.toLowerCase()];
  }

  async set(extension: string, verdict: TypeVerdict): Promise<void> {
    const all = { ...this.state.get<Record<string, TypeVerdict>>(STATE_KEY, {}), [extension.toLowerCase()]: verdict };
    await this.state.update(STATE_KEY, all);
  }
}

/** The extension of a file name, lower case, without the dot ('' when it has none). */
export function extensionOfName(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot > 0 ? fileName.slice(dot + 1).toLowerCase() : '';
}
