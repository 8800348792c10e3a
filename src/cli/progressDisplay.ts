import { formatBytes, MiB, type SessionStatus } from '../core';

/** One live line per file on a terminal: name, state, %, MiB/s, ETA. Redraws in place. */
export class ProgressDisplay {
  private linesDrawn = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly stream: NodeJS.WriteStream, private readonly sessions: () => SessionStatus[]) {}

  start(): void {
    this.timer = setInterval(() => this.draw(), 250);
    this.timer.unref();
    this.draw();
  }

  stop(): void {
    clearInterval(this.timer);
    this.draw();
  }

  private draw(): void {
    const width = this.stream.columns > 0 ? this.stream.columns : 100;
    const lines = this.sessions().map((status) => describe(status).slice(0, width - 1));
    let out = this.linesDrawn > 0 ? `\x1b[${this.linesDrawn}A` : '';
    for (const line of lines) out += `\x1b[2K${line}\n`;
    this.stream.write(out);
    this.linesDrawn = lines.length;
  }
}

export function describe(status: SessionStatus): string {
  const percent = status.bytesTotal > 0 ? Math.floor((status.bytesSent / status.bytesTotal) * 100) : status.state === 'done' ? 100 : 0;
  const name = status.fileName.length > 30 ? `${status.fileName.slice(0, 27)}...` : status.fileName.padEnd(30);
  switch (status.state) {
    case 'done':
      return `${name} done       ${formatBytes(status.bytesTotal)}`;
    case 'failed':
      return `${name} failed     ${status.error?.message ?? ''}`;
    case 'cancelled':
      return `${name} cancelled`;
    case 'queued':
      return `${name} queued`;
    default: {
      const speed = `${(status.bytesPerSecond / MiB).toFixed(1)} MiB/s`;
      const eta = status.etaSeconds === null ? '--:--' : formatDuration(status.etaSeconds);
      return `${name} ${status.state.padEnd(10)} ${String(percent).padStart(3)}%  ${speed.padStart(11)}  ETA ${eta}`;
    }
  }
}

function formatDuration(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  return minutes >= 60 ? `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m` : `${String(minutes).padStart(2, '0')}:${String(rest).padStart(2, '0')}`;
}
