import { describe, expect, it } from 'vitest';
import {
  parseProcStat,
  parseVmHwmBytes,
  processTree,
  treeTicks,
  type ProcStat,
} from '../../../../scripts/bench/peers/proc-stat';

/** A stat line as Linux writes it: pid (comm) state ppid pgrp session tty tpgid flags 4×faults utime stime cutime cstime … */
const statLine = (pid: number, comm: string, ppid: number, [u, s, cu, cs]: number[]) =>
  `${pid} (${comm}) S ${ppid} ${pid} ${pid} 0 -1 4194560 1000 0 0 0 ${u} ${s} ${cu} ${cs} 20 0 11 0 3410570 1257000960 40000 18446744073709551615`;

const stat = (pid: number, ppid: number, ticks: number[]): ProcStat => parseProcStat(statLine(pid, 'p', ppid, ticks));

describe('parseProcStat', () => {
  it('reads pid, parent, state and the four CPU fields in clock ticks', () => {
    expect(parseProcStat(statLine(4242, 'next-server', 1, [1500, 300, 20, 5]))).toEqual({
      pid: 4242,
      ppid: 1,
      state: 'S',
      utimeTicks: 1500,
      stimeTicks: 300,
      cutimeTicks: 20,
      cstimeTicks: 5,
    });
  });

  it('counts the fields from the last parenthesis, so a name with spaces and parentheses does not shift them', () => {
    const parsed = parseProcStat(statLine(7, 'a) (b c', 3, [11, 12, 13, 14]));
    expect(parsed).toMatchObject({ pid: 7, ppid: 3, utimeTicks: 11, stimeTicks: 12, cutimeTicks: 13, cstimeTicks: 14 });
  });

  it('refuses a line that is not a stat line', () => {
    expect(() => parseProcStat('Name: node')).toThrow(/not a \/proc/);
    expect(() => parseProcStat('12 (x) S 1 2')).toThrow(/not a \/proc/);
  });
});

describe('parseVmHwmBytes', () => {
  it('gives the peak resident set in bytes', () => {
    expect(parseVmHwmBytes('Name:\tburrow\nVmPeak:\t 900000 kB\nVmHWM:\t   51200 kB\nVmRSS:\t   40000 kB\n')).toBe(
      51200 * 1024,
    );
  });

  it('is null for a process without memory (a zombie has no VmHWM line)', () => {
    expect(parseVmHwmBytes('Name:\tnode\nState:\tZ (zombie)\n')).toBeNull();
  });
});

describe('processTree', () => {
  const all = [
    stat(1, 0, [0, 0, 0, 0]),
    stat(10, 1, [1, 0, 0, 0]),
    stat(11, 10, [2, 0, 0, 0]),
    stat(12, 11, [3, 0, 0, 0]),
    stat(20, 1, [9, 0, 0, 0]),
  ];

  it('holds the root and every descendant, and nothing else', () => {
    expect(processTree(10, all).map((s) => s.pid)).toEqual([10, 11, 12]);
  });

  it('is empty when the root is gone', () => {
    expect(processTree(99, all)).toEqual([]);
  });
});

describe('treeTicks', () => {
  it('adds user, system and waited-for children time over the tree', () => {
    expect(treeTicks([stat(10, 1, [100, 20, 7, 3]), stat(11, 10, [50, 5, 0, 0])])).toBe(185);
  });
});
