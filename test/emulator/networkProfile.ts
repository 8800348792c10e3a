// A network between the client and the emulator. On loopback the emulator itself is the bottleneck; a real link to
// Notion has a round trip per request and a limited upload bandwidth, which is what decides an upload's wall time.
// - latencyMs: every /v1/ answer leaves that much later than the request body was read (one round trip per request);
// - bandwidthMbit: request bodies of all connections together cross one link of that rate, in arrival order; a paused
//   body stops being read, so TCP's flow control slows the sender as a real link would.
// The inspection API (/__emulator/...) is not shaped.
import { Transform, type TransformCallback } from 'node:stream';

export interface NetworkProfile {
  /** Added to every /v1/ answer, in milliseconds. */
  latencyMs?: number;
  /** Receive bandwidth of the link shared by every request body, in megabits (10^6 bits) per second. */
  bandwidthMbit?: number;
}

/**
 * The order in which bytes cross a link of one rate: each chunk after every byte that arrived before it. The emulator
 * only sees a chunk when its event loop gets to it, which on a busy machine can be late; so a link that was idle may
 * catch up on at most `catchUpMs` of that idle time (a burst of that many milliseconds' bytes) rather than lose it.
 */
export class LinkSchedule {
  private freeAt = -Infinity;

  constructor(
    readonly bytesPerMs: number,
    readonly catchUpMs = 50,
  ) {
    if (!(bytesPerMs > 0)) throw new Error(`a link needs a positive rate, got ${bytesPerMs} bytes/ms`);
  }

  /** The time (same clock as `now`) at which a chunk of `bytes` arriving at `now` has crossed the link. */
  reserve(bytes: number, now: number): number {
    this.freeAt = Math.max(now - this.catchUpMs, this.freeAt) + bytes / this.bytesPerMs;
    return this.freeAt;
  }
}

export function validateNetworkProfile(profile: NetworkProfile): void {
  const { latencyMs, bandwidthMbit } = profile;
  if (latencyMs !== undefined && !(Number.isFinite(latencyMs) && latencyMs >= 0)) throw new Error(`latency wants milliseconds ≥ 0, got ${latencyMs}`);
  if (bandwidthMbit !== undefined && !(Number.isFinite(bandwidthMbit) && bandwidthMbit > 0)) {
    throw new Error(`bandwidth wants megabits per second > 0, got ${bandwidthMbit}`);
  }
}

/** The emulator's side of a network profile: shapes request bodies and says how long to hold each answer. */
export class ShapedNetwork {
  readonly latencyMs: number;
  private readonly link: LinkSchedule | undefined;

  constructor(profile: NetworkProfile) {
    validateNetworkProfile(profile);
    this.latencyMs = profile.latencyMs ?? 0;
    this.link = profile.bandwidthMbit === undefined ? undefined : new LinkSchedule((profile.bandwidthMbit * 1e6) / 8 / 1000);
  }

  /** A stage for the request body's pipeline that lets it through at the link's rate; none without a bandwidth cap. */
  linkStage(): Transform | undefined {
    const link = this.link;
    if (!link) return undefined;
    return new Transform({
      transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
        const now = performance.now();
        const wait = link.reserve(chunk.length, now) - now;
        if (wait < 1) done(null, chunk);
        else setTimeout(() => done(null, chunk), wait);
      },
    });
  }
}
