import { afterEach, describe, expect, it } from 'vitest';
import { groupMembers, startChild, stopChildren, type DemoChild } from '../../../scripts/demo/child-processes';

/** A node process that starts a grandchild (both sleeping) and, unless `obedient`, ignores SIGTERM. */
function sleeper(name: string, obedient: boolean): DemoChild {
  const script = `
    const { spawn } = require('node:child_process');
    spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    ${obedient ? '' : "process.on('SIGTERM', () => {});"}
    setInterval(() => {}, 1000);
    process.stdout.write('ready\\n');
  `;
  return startChild(name, process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
}

async function ready(child: DemoChild): Promise<void> {
  await new Promise<void>((resolve) => child.process.stdout!.once('data', () => resolve()));
  // The grandchild is spawned before "ready" is written, and is in the group from then on.
  for (let i = 0; i < 50 && groupMembers(child.process.pid!).length < 2; i++) {
    await new Promise((r) => setTimeout(r, 20));
  }
}

const started: DemoChild[] = [];
afterEach(() => {
  for (const child of started.splice(0)) {
    try {
      process.kill(-child.process.pid!, 'SIGKILL');
    } catch {
      // gone
    }
  }
});

describe('stopChildren', () => {
  it('stops each child with everything it started, in its own process group', async () => {
    const child = sleeper('obedient', true);
    started.push(child);
    await ready(child);
    const pgid = child.process.pid!;
    expect(pgid).not.toBe(process.pid);
    expect(groupMembers(pgid)).toHaveLength(2);

    const startedAt = Date.now();
    expect(await stopChildren([child], 5_000)).toEqual([]);
    expect(Date.now() - startedAt).toBeLessThan(3_000);
    expect(groupMembers(pgid)).toEqual([]);
    await expect(child.exited).resolves.toBe('SIGTERM');
  });

  it('kills a child that ignores SIGTERM once the grace period is over, and names it', async () => {
    const stubborn = sleeper('stubborn', false);
    const obedient = sleeper('obedient', true);
    started.push(stubborn, obedient);
    await Promise.all([ready(stubborn), ready(obedient)]);

    const startedAt = Date.now();
    expect(await stopChildren([stubborn, obedient], 1_000)).toEqual(['stubborn']);
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(1_000);
    expect(groupMembers(stubborn.process.pid!)).toEqual([]);
    expect(groupMembers(obedient.process.pid!)).toEqual([]);
    await expect(stubborn.exited).resolves.toBe('SIGKILL');
  });

  it('returns at once for children that already ended', async () => {
    const child = startChild('quick', process.execPath, ['-e', ''], { stdio: 'ignore' });
    await expect(child.exited).resolves.toBe(0);
    expect(await stopChildren([child], 5_000)).toEqual([]);
  });
});
