// Child-process entry: one emulator with the bench's options (storage inside the bench's temp dir, rate limit as
// asked, network profile if any), announced as one JSON line on stdout, stopped cleanly on SIGTERM or SIGINT.
import { start } from '../../emulator/index';
import type { NetworkProfile } from '../../emulator/networkProfile';

interface EmulatorProcessOptions {
  token: string;
  storageDir: string;
  rateLimit: { requests: number; windowMs: number } | false;
  network?: NetworkProfile;
  /** Serve https with a certificate from a CA of its own, whose path is announced for the clients to trust. */
  tls?: boolean;
}

async function main(): Promise<void> {
  const options = JSON.parse(process.argv[2] ?? '{}') as EmulatorProcessOptions;
  const emulator = await start({
    token: options.token,
    plan: 'paid',
    storageDir: options.storageDir,
    rateLimit: options.rateLimit,
    network: options.network,
    tls: options.tls,
  });
  const stop = (): void => {
    emulator.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  process.stdout.write(`${JSON.stringify({ url: emulator.url, pageId: emulator.pageId, caCertificatePath: emulator.caCertificatePath })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
