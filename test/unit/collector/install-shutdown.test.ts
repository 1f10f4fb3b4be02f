import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { installShutdown, type ShutdownOptions } from '@/lib/collector/install-shutdown';
import { captureLog } from '../../helpers/log-capture';

/** A stand-in for the process: signals are emitted by hand, exit codes recorded. */
function fakeProcess() {
  const exits: number[] = [];
  const emitter = Object.assign(new EventEmitter(), { exit: (code?: number) => void exits.push(code ?? 0) });
  // exit() returns here instead of never returning: the cast says the rest is the same.
  const target = emitter as unknown as EventEmitter & NonNullable<ShutdownOptions['target']>;
  return { target, exits };
}

/** A shutdown that finishes when the test says so. */
function pendingShutdown() {
  let finish!: () => void;
  let fail!: (error: Error) => void;
  const shutdown = vi.fn(() => new Promise<void>((resolve, reject) => ((finish = resolve), (fail = reject))));
  return { shutdown, finish: () => finish(), fail: (error: Error) => fail(error) };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('installShutdown', () => {
  it('replaces the handlers already installed (Next.js exits 143 from its own) with one that shuts down and exits 0', async () => {
    const { target, exits } = fakeProcess();
    const nextsOwn = vi.fn();
    target.on('SIGTERM', nextsOwn);
    const { shutdown, finish } = pendingShutdown();
    const captured = captureLog();
    installShutdown({ shutdown, log: captured.logger, deadlineMs: 15_000, target, now: Date.now });
    target.emit('SIGTERM', 'SIGTERM');
    expect(nextsOwn).not.toHaveBeenCalled();
    expect(shutdown).toHaveBeenCalledWith('SIGTERM');
    expect(exits).toEqual([]);
    await vi.advanceTimersByTimeAsync(1_200);
    finish();
    await vi.advanceTimersByTimeAsync(0);
    expect(exits).toEqual([0]);
    expect(captured.records()).toEqual([
      expect.objectContaining({ level: 'info', signal: 'SIGTERM', msg: 'SIGTERM: shutting down' }),
      expect.objectContaining({ level: 'info', signal: 'SIGTERM', durationMs: 1_200, msg: 'shut down in 1200 ms' }),
    ]);
  });

  it('exits at once on a second signal, with 128 + its number', async () => {
    const { target, exits } = fakeProcess();
    const { shutdown } = pendingShutdown();
    installShutdown({ shutdown, log: captureLog().logger, deadlineMs: 15_000, target, now: Date.now });
    target.emit('SIGTERM', 'SIGTERM');
    await vi.advanceTimersByTimeAsync(2_000);
    target.emit('SIGTERM', 'SIGTERM');
    expect(exits).toEqual([143]);
    expect(shutdown).toHaveBeenCalledTimes(1);
  });

  it('takes the same signal again within a second for the same Ctrl-C (terminal and npm both pass it on)', async () => {
    const { target, exits } = fakeProcess();
    const { shutdown, finish } = pendingShutdown();
    installShutdown({ shutdown, log: captureLog().logger, deadlineMs: 15_000, target, now: Date.now });
    target.emit('SIGINT', 'SIGINT');
    target.emit('SIGINT', 'SIGINT');
    expect(exits).toEqual([]);
    target.emit('SIGTERM', 'SIGTERM');
    expect(exits).toEqual([143]);
    finish();
    await vi.advanceTimersByTimeAsync(0);
  });

  it('exits 1 when the shutdown fails or outlasts its deadline', async () => {
    const failing = fakeProcess();
    const broken = pendingShutdown();
    installShutdown({
      shutdown: broken.shutdown,
      log: captureLog().logger,
      deadlineMs: 15_000,
      target: failing.target,
    });
    failing.target.emit('SIGTERM', 'SIGTERM');
    broken.fail(new Error('disk gone'));
    await vi.advanceTimersByTimeAsync(0);
    expect(failing.exits).toEqual([1]);

    const slow = fakeProcess();
    const captured = captureLog();
    installShutdown({
      shutdown: pendingShutdown().shutdown,
      log: captured.logger,
      deadlineMs: 15_000,
      target: slow.target,
    });
    slow.target.emit('SIGINT', 'SIGINT');
    await vi.advanceTimersByTimeAsync(14_999);
    expect(slow.exits).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(slow.exits).toEqual([1]);
    expect(captured.messages()).toContain('shutdown did not finish within 15000 ms: exiting');
  });
});
