// What runUiTests.ts sets up once for every UI test file: code-server with the packaged VSIX installed, the Notion
// emulator, the generated workspace and a headless Chromium. Test files reach it through uiSession().
import type { Browser } from 'playwright-core';
import type { Emulator } from '../emulator/index';
import type { CodeServer } from '../host/codeServer';

export interface UiSession {
  browser: Browser;
  codeServer: CodeServer;
  emulator: Emulator;
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
