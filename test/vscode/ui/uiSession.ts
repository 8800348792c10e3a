// What runUiTests.ts sets up once for every UI test file: code-server with the packaged VSIX installed, the Notion
// emulator with the target page, the generated workspace and a headless Chromium. Test files reach it through uiSession().
import type { Browser } from 'playwright-core';
import type { Emulator } from '../../emulator/index';
import type { CodeServer } from '../launch/codeServer';

export interface UiSession {
  browser: Browser;
  codeServer: CodeServer;
  emulator: Emulator;
  /** An emulator page shared with the emulator's token, set as notionUpload.targetPage in the user settings. */
  targetPage: { id: string; title: string };
  workspaceFolder: string;
}

let current: UiSession | undefined;

export function setUiSession(session: UiSession | undefined): void {
  current = session;
}

export function uiSession(): UiSession {
  if (!current) throw new Error('No UI session: run the UI suite through npm run test:ui');
  return current;
}
