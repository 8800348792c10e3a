// Debian's Chromium, headless, through playwright-core. The /usr/bin/chromium wrapper script misbehaves under
// playwright, so the real binary is launched; each launch gets a fresh temporary profile.
import { chromium, type Browser } from 'playwright-core';
import { chromiumBinary } from './paths';

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumBinary,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
