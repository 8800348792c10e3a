// A control for the event-loop figures: an idle Node process, with the same preload, alive while a client runs. On a
// busy machine its timer lateness is the scheduling noise that every client's loop-delay figure also contains.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { LoopDelay } from './measuredRun';

const IDLE_SCRIPT = "process.on('SIGTERM', () => process.exit(0)); setInterval(() => {}, 1 << 30);";

export interface IdleControl {
  stop(): Promise<LoopDelay | null>;
}

export function startIdleControl(scratchDir: string): IdleControl {
  const report = join(scratchDir, 'idle-loop-delay.json');
  const child = spawn(process.execPath, ['--require', join(__dirname, 'loopDelayPreload.js'), '-e', IDLE_SCRIPT], {
    env: { ...process.env, BENCH_LOOP_DELAY_FILE: report },
    stdio: 'ignore',
  });
  return {
    async stop() {
      if (child.exitCode === null) {
        const exited = once(child, 'exit');
        child.kill('SIGTERM');
        await exited;
      }
      if (!existsSync(report)) return null;
      const figures = JSON.parse(readFileSync(report, 'utf8')) as LoopDelay;
      rmSync(report, { force: true });
      return figures;
    },
  };
}
