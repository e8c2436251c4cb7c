/** @module The direct child processes of a process, from /proc (Linux). */
import { readdirSync, readFileSync } from 'node:fs';

/** Pids whose parent is `pid` (processes that exit while being read are skipped). */
export function childPids(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch (error) {
      // a process that exited between readdir and read
      if ((error as { code?: unknown }).code === 'ENOENT' || (error as { code?: unknown }).code === 'ESRCH') continue;
      throw error;
    }
    // the parent pid is the second field after the parenthesised command name
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (ppid === pid) children.push(Number(entry));
  }
  return children;
}
