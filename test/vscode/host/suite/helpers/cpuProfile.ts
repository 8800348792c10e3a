// A CPU profile of the extension host taken from inside a test, for finding what blocks its event loop, with a sampling
// heap profile of the same stretch. Off unless NOTION_UPLOAD_HOST_PROFILE_DIR names a folder; the .cpuprofile and
// .heapprofile open in Chrome DevTools or VS Code.
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';

export const HOST_PROFILE_DIR_ENV = 'NOTION_UPLOAD_HOST_PROFILE_DIR';
export const HOST_PROFILE_SURVIVORS_ENV = 'NOTION_UPLOAD_HOST_PROFILE_SURVIVORS';
/** A gap between two 1 ms ticks longer than this is recorded as a stall. */
const STALL_US = 20_000;

export interface CpuProfileRecording {
  /** Stops recording and writes `<name>.cpuprofile`; resolves with its path (undefined when profiling is off). */
  stop(): Promise<string | undefined>;
}

function post<T>(session: Session, method: string, params: object = {}): Promise<T> {
  return new Promise((resolve, reject) => session.post(method, params, (error, result) => (error ? reject(error) : resolve(result as T))));
}

export async function startCpuProfile(name: string): Promise<CpuProfileRecording> {
  const dir = process.env[HOST_PROFILE_DIR_ENV];
  if (!dir) return { stop: async () => undefined };
  const session = new Session();
  session.connect();
  await post(session, 'Profiler.enable');
  // 250 µs between samples: a 16 ms task shows as ~64 samples, and the profiler's own cost stays small.
  await post(session, 'Profiler.setSamplingInterval', { interval: 250 });
  await post(session, 'Profiler.start');
  // What the loop's garbage collection pauses clean up after: a sampling heap profile over the same stretch, every
  // allocation of about 32 KiB sampled with its stack (objects freed meanwhile included). With
  // NOTION_UPLOAD_HOST_PROFILE_SURVIVORS=1 it keeps only what outlived the young collections: a young pause's length
  // follows what it has to copy, not what it frees.
  const survivorsOnly = process.env[HOST_PROFILE_SURVIVORS_ENV] === '1';
  await post(session, 'HeapProfiler.enable');
  await post(session, 'HeapProfiler.startSampling', { samplingInterval: 32 * 1024, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: !survivorsOnly });
  // The turns of the loop that blocked it, on the profile's clock (microseconds of the monotonic clock), so that the
  // samples taken during each one can be picked out.
  const stalls: Array<{ startUs: number; endUs: number }> = [];
  const nowUs = (): number => Number(process.hrtime.bigint() / 1000n);
  let last = nowUs();
  const watch = setInterval(() => {
    const now = nowUs();
    if (now - last > STALL_US) stalls.push({ startUs: last, endUs: now });
    last = now;
  }, 1);
  return {
    stop: async () => {
      clearInterval(watch);
      const { profile } = await post<{ profile: object }>(session, 'Profiler.stop');
      const { profile: heap } = await post<{ profile: object }>(session, 'HeapProfiler.stopSampling');
      session.disconnect();
      mkdirSync(dir, { recursive: true });
      const path = join(dir, `${name}.cpuprofile`);
      writeFileSync(path, JSON.stringify(profile));
      writeFileSync(join(dir, `${name}.stalls.json`), JSON.stringify(stalls));
      writeFileSync(join(dir, `${name}.heapprofile`), JSON.stringify(heap));
      return path;
    },
  };
}
