import { escapeControlCharacters, formatBytes, formatTransfer } from '../core/light';
import type { SessionStatus } from '../core/sessions/sessionStatus';

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
  // Escaped before it is cut: a name must not draw on the terminal, and the progress lines are the only codes it gets.
  const fileName = escapeControlCharacters(status.fileName);
  const name = fileName.length > 30 ? `${fileName.slice(0, 27)}...` : fileName.padEnd(30);
  switch (status.state) {
    case 'done':
      return `${name} done       ${formatBytes(status.bytesTotal)}`;
    case 'failed':
      return `${name} failed     ${escapeControlCharacters(status.error?.message ?? '')}`;
    case 'cancelled':
    case 'queued':
      return `${name} ${status.state}`;
    default:
      return `${name} ${status.state.padEnd(10)} ${status.waiting ?? formatTransfer(status)}`;
  }
}
