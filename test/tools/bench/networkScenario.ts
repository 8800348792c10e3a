// The throughput clients again, over a shaped link: the emulator adds a round trip to every request and lets request
// bodies through one receive link (networkProfile.ts). On loopback the emulator is the bottleneck; here the link is,
// so each client's wall time is set against the best the link allows for our plan.
import { join } from 'node:path';
import type { BenchFile } from './benchFiles';
import { EmulatorHandle } from './emulatorHandle';
import { planParts } from './partPlan';
import type { ClientRunResult, NetworkScenarioResult } from './results';
import { runThroughput } from './throughputScenario';

export const NETWORK_PROFILE = { latencyMs: 80, bandwidthMbit: 100 };
/** curl (the ceiling), ours, and Notion's own CLI; the SDK and the seed have had their say on loopback. */
export const NETWORK_CLIENTS: ReadonlySet<string> = new Set(['curl', 'our CLI', 'ntn']);

/**
 * The link's bound for uploading and attaching one file with our plan: its bytes at the link's rate, plus one round
 * trip per request that must wait for the one before (create; the sends, `partsInFlight` at a time; complete for
 * multi_part; the attach). It counts the sends' round trips as if each batch of parts waited for its answers with the
 * link idle, which a client that keeps parts in flight need not do (curl comes within a few percent of it or beats it),
 * so `strictSeconds` is reported beside it: the bytes at the link's rate plus only the round trips no client can hide
 * behind another part's bytes (create, the last part's answer, complete, attach).
 */
export function linkBound(sizeBytes: number, partsInFlight: number, profile = NETWORK_PROFILE): Omit<NetworkScenarioResult['bounds'][number], 'fileLabel'> {
  const plan = planParts(sizeBytes);
  const roundTrips = 1 + Math.ceil(plan.parts.length / partsInFlight) + (plan.mode === 'multi_part' ? 1 : 0) + 1;
  const bytesSeconds = (sizeBytes * 8) / (profile.bandwidthMbit * 1e6);
  const boundSeconds = bytesSeconds + (roundTrips * profile.latencyMs) / 1000;
  const unhidden = 1 + 1 + (plan.mode === 'multi_part' ? 1 : 0) + 1;
  return { sizeBytes, parts: plan.parts.length, roundTrips, boundSeconds, strictSeconds: bytesSeconds + (unhidden * profile.latencyMs) / 1000 };
}

export async function runNetworkScenario(
  workDir: string,
  token: string,
  files: Array<{ label: string; file: BenchFile }>,
  partsInFlight: number,
  onResult: (result: ClientRunResult) => void,
  clientNames: ReadonlySet<string> = NETWORK_CLIENTS,
): Promise<NetworkScenarioResult> {
  const emulator = await EmulatorHandle.start({ token, storageDir: join(workDir, 'emulator-network-storage'), rateLimit: false, network: NETWORK_PROFILE });
  try {
    const results = await runThroughput(emulator, files, partsInFlight, workDir, onResult, clientNames);
    return {
      ...NETWORK_PROFILE,
      partsInFlight,
      bounds: files.map(({ label, file }) => ({ ...linkBound(file.size, partsInFlight), fileLabel: label })),
      results,
    };
  } finally {
    await emulator.stop();
  }
}
