/**
 * The server under test as Linux shows it: which process listens on a port, and the
 * CPU time it has used so far (/proc/<pid>/stat, user + system).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { parseProcStat } from './peers/proc-stat';

/** Clock ticks per second of /proc's times (USER_HZ, 100 on nearly every Linux). */
function ticksPerSecond(): number {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
}

const TICKS = ticksPerSecond();

/** CPU-seconds (user + system) the process has used since it started. */
export function cpuSeconds(pid: number): number {
  const stat = parseProcStat(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  return (stat.utimeTicks + stat.stimeTicks) / TICKS;
}

/** Socket inodes listening on `port` (IPv4 and IPv6), from /proc/net/tcp{,6}. */
function listeningInodes(port: number): Set<string> {
  const inodes = new Set<string>();
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!fs.existsSync(file)) continue;
    for (const line of fs.readFileSync(file, 'utf8').split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols.length < 10) continue;
      const localPort = parseInt(cols[1].split(':').at(-1)!, 16);
      // State 0A is LISTEN.
      if (localPort === port && cols[3] === '0A') inodes.add(cols[9]);
    }
  }
  return inodes;
}

/** The process (of this user: others' fds are not readable) that listens on `port`, or null. */
export function pidListeningOn(port: number): number | null {
  const inodes = listeningInodes(port);
  if (inodes.size === 0) return null;
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let fds: string[];
    try {
      fds = fs.readdirSync(`/proc/${entry}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const target = fs.readlinkSync(`/proc/${entry}/fd/${fd}`);
        const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
        if (inode && inodes.has(inode)) return Number(entry);
      } catch {
        // the fd closed meanwhile
      }
    }
  }
  return null;
}
