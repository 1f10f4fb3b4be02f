/**
 * CPU time and peak memory of a process and its children, from Linux's /proc, the way
 * `ps` and `top` read them: /proc/<pid>/stat (utime, stime, cutime, cstime in clock
 * ticks) and /proc/<pid>/status (VmHWM, the peak resident set).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

export interface ProcStat {
  pid: number;
  ppid: number;
  state: string;
  /** Ticks this process ran in user and kernel mode. */
  utimeTicks: number;
  stimeTicks: number;
  /** Ticks of its children that ended and were waited for. */
  cutimeTicks: number;
  cstimeTicks: number;
}

/**
 * Parses one /proc/<pid>/stat line. The command name (field 2) is in parentheses and may
 * itself hold spaces and parentheses, so the fields are counted from the last ')'.
 * Throws on a line that is not a stat line.
 */
export function parseProcStat(line: string): ProcStat {
  const close = line.lastIndexOf(')');
  const pid = Number(line.slice(0, line.indexOf('(')).trim());
  // Fields after the name: state(3) ppid(4) … utime(14) stime(15) cutime(16) cstime(17).
  const rest = line
    .slice(close + 2)
    .trim()
    .split(/\s+/);
  const field = (n: number) => Number(rest[n - 3]);
  const stat = {
    pid,
    ppid: field(4),
    state: rest[0],
    utimeTicks: field(14),
    stimeTicks: field(15),
    cutimeTicks: field(16),
    cstimeTicks: field(17),
  };
  if (close < 0 || !Number.isInteger(pid) || rest.length < 15 || Object.values(stat).some((v) => Number.isNaN(v))) {
    throw new Error(`not a /proc/<pid>/stat line: ${line.slice(0, 80)}`);
  }
  return stat;
}

/** Peak resident set in bytes from /proc/<pid>/status (VmHWM, given in kB); null when absent (a zombie). */
export function parseVmHwmBytes(status: string): number | null {
  const match = /^VmHWM:\s+(\d+)\s+kB$/m.exec(status);
  return match ? Number(match[1]) * 1024 : null;
}

/**
 * The pid and every live descendant of it among `stats`. A child that ended and was waited
 * for is in its parent's cutime/cstime instead, so summing all four fields over the tree
 * counts each tick once.
 */
export function processTree(rootPid: number, stats: ProcStat[]): ProcStat[] {
  const byParent = new Map<number, ProcStat[]>();
  for (const s of stats) byParent.set(s.ppid, [...(byParent.get(s.ppid) ?? []), s]);
  const root = stats.find((s) => s.pid === rootPid);
  const tree = root ? [root] : [];
  for (let i = 0; i < tree.length; i++) tree.push(...(byParent.get(tree[i].pid) ?? []));
  return tree;
}

/** Clock ticks of a process tree: own user + system time and that of its waited-for children. */
export function treeTicks(tree: ProcStat[]): number {
  return tree.reduce((sum, s) => sum + s.utimeTicks + s.stimeTicks + s.cutimeTicks + s.cstimeTicks, 0);
}

function readAllStats(): ProcStat[] {
  const stats: ProcStat[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      stats.push(parseProcStat(fs.readFileSync(`/proc/${entry}/stat`, 'utf8')));
    } catch {
      // the process ended while we looked
    }
  }
  return stats;
}

let ticksPerSecond: number | null = null;

/** USER_HZ: 100 on every common Linux build, asked from getconf to be sure. */
function clockTicksPerSecond(): number {
  ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  return ticksPerSecond;
}

export interface TreeReading {
  cpuSeconds: number;
  /** Sum of the peak resident sets of the processes alive now (the root's alone when it has no children). */
  peakRssBytes: number;
  pids: number[];
}

/** CPU seconds used so far by `pid` and its children, and their peak memory. */
export function readTree(pid: number): TreeReading {
  const tree = processTree(pid, readAllStats());
  if (tree.length === 0) throw new Error(`process ${pid} is gone`);
  let peakRssBytes = 0;
  for (const { pid: member } of tree) {
    try {
      peakRssBytes += parseVmHwmBytes(fs.readFileSync(`/proc/${member}/status`, 'utf8')) ?? 0;
    } catch {
      // ended meanwhile
    }
  }
  return { cpuSeconds: treeTicks(tree) / clockTicksPerSecond(), peakRssBytes, pids: tree.map((s) => s.pid) };
}
