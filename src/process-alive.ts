// Shared by the CLI's config lock and the sandbox's daemon, which both ask
// whether the process that left a mark is still there.
import { readFileSync } from 'node:fs';

/** Whether process `pid` runs on this machine (a zombie does not count). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
  // A killed process that its parent has not reaped yet lingers as a zombie.
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}
