/**
 * The demo's children (the build, the workload, the dashboard), each started in a
 * process group of its own so that stopping one reaches everything it started (the
 * build's workers, say), and so that the demo decides the order of shutdown rather
 * than the terminal's Ctrl-C reaching every process at once.
 */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import fs from 'node:fs';

export interface DemoChild {
  name: string;
  process: ChildProcess;
  /** Resolves with the exit code, or the signal's name, when the process ends. */
  exited: Promise<number | string>;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function startChild(name: string, command: string, args: string[], options: SpawnOptions): DemoChild {
  const child = spawn(command, args, { stdio: 'inherit', ...options, detached: true });
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'));
    child.once('error', (error) => resolve(error.message));
  });
  return { name, process: child, exited };
}

/** Pids of the processes of group `pgid` that still run (zombies excluded), from /proc. */
export function groupMembers(pgid: number): number[] {
  const members: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // /proc/<pid>/stat: pid (comm) state ppid pgrp …; comm may hold spaces and parentheses.
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(pgrp) === pgid && state !== 'Z') members.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return members;
}

function signalGroup(child: DemoChild, signal: NodeJS.Signals): void {
  if (child.process.pid === undefined) return;
  try {
    process.kill(-child.process.pid, signal);
  } catch {
    // the group is empty already
  }
}

const groupGone = (child: DemoChild) => child.process.pid === undefined || groupMembers(child.process.pid).length === 0;

/**
 * Sends `signal` to each child's group, waits until every group is empty or `graceMs`
 * passed, then kills what is left. Returns the names of the children that had to be killed.
 */
export async function stopChildren(children: DemoChild[], graceMs: number, signal: NodeJS.Signals = 'SIGTERM') {
  for (const child of children) signalGroup(child, signal);
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline && !children.every(groupGone)) await sleep(100);
  const killed = children.filter((child) => !groupGone(child));
  for (const child of killed) signalGroup(child, 'SIGKILL');
  const killDeadline = Date.now() + 2_000;
  while (Date.now() < killDeadline && !children.every(groupGone)) await sleep(50);
  return killed.map((child) => child.name);
}
