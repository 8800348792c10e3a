import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

/**
 * Lowers the CPU priority (raises the nice value) of every thread of this process, and so of the threads they start
 * later; returns the main thread's nice value and whether the process's scheduling group was lowered too.
 *
 * On Linux the nice value belongs to each thread: setpriority() on the process id reaches only the main thread, and
 * libuv's pool (file writes) and V8's (garbage collection) would keep competing at full priority, so each thread of
 * /proc/self/task is lowered. And with the scheduler's autogroups on (sched_autogroup_enabled), each session
 * (setsid) shares the CPU with the others as one group, whatever the nice values inside it: a nice value then only
 * yields to the processes of the same session. So a process that leads its own session (spawned detached) also
 * lowers its group through /proc/self/autogroup. One that does not would lower its caller's whole session (the
 * user's shell with it), so it leaves the group alone.
 */
export function lowerOwnPriority(nice: number): { nice: number; group: boolean } {
  let threads: number[] = [];
  try {
    threads = readdirSync('/proc/self/task').map(Number).filter(Number.isInteger);
  } catch {
    // no /proc: not Linux
  }
  if (threads.length === 0) setPriority(nice);
  for (const thread of threads) {
    try {
      setPriority(thread, nice);
    } catch {
      // a thread that ended meanwhile
    }
  }
  let group = false;
  if (leadsOwnSession() && existsSync('/proc/self/autogroup')) {
    try {
      writeFileSync('/proc/self/autogroup', String(nice));
      group = true;
    } catch {
      // autogroups off, or not allowed here
    }
  }
  return { nice: getPriority(), group };
}

/** Field 6 of /proc/self/stat is the session id: this process leads its session when it equals its own id. */
function leadsOwnSession(): boolean {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    return Number(fields[3]) === process.pid;
  } catch {
    return false;
  }
}
