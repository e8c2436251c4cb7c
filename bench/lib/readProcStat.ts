/**
 * @module CPU time and resident memory of another process from /proc (Linux): all its threads
 * together, which for Artillery means the main thread and its worker threads.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface ProcStat {
  /** user + system CPU seconds since the process started */
  cpuSeconds: number;
  /** resident set size in bytes */
  rssBytes: number;
}

let clockTicks: number | undefined;

/** Kernel clock ticks per second (`getconf CLK_TCK`), the unit of utime/stime in /proc/<pid>/stat. */
function ticksPerSecond(): number {
  clockTicks ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
  if (!Number.isSafeInteger(clockTicks) || clockTicks <= 0)
    throw new Error(`getconf CLK_TCK printed no positive integer (got ${clockTicks})`);
  return clockTicks;
}

/** The process's CPU time and RSS, or undefined once it has exited. */
export function readProcStat(pid: number): ProcStat | undefined {
  let stat: string;
  let status: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT' || (error as { code?: unknown }).code === 'ESRCH')
      return undefined;
    throw error;
  }
  // fields after the command name, which is in parentheses and may itself contain spaces
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name
  const ticks = Number(fields[11]) + Number(fields[12]);
  const rssKb = Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1]);
  if (!Number.isFinite(ticks) || !Number.isFinite(rssKb)) return undefined; // a zombie has no VmRSS
  return { cpuSeconds: ticks / ticksPerSecond(), rssBytes: rssKb * 1024 };
}
