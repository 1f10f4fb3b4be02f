import { describe, expect, it } from 'vitest';
import { FailureLog } from '@/lib/collector/failure-log';
import { captureLog } from '../../helpers/log-capture';

describe('FailureLog', () => {
  it('logs a failing request once when it starts and once when it ends, with request, version and broker as fields', () => {
    const captured = captureLog();
    const log = new FailureLog('prod', captured.logger);
    const closed = { operation: 'ListOffsets', broker: 2, message: 'Connection closed', version: 6 };
    log.cycleSucceeded([closed], 1_000);
    log.cycleSucceeded([closed], 2_000);
    log.cycleSucceeded([{ ...closed, message: 'Connection closed again' }], 3_000);
    log.cycleSucceeded([], 4_000);
    expect(captured.records()).toEqual([
      expect.objectContaining({
        level: 'warn',
        component: 'collector',
        cluster: 'prod',
        operation: 'ListOffsets',
        version: 6,
        broker: 2,
        error: 'Connection closed',
        msg: 'cluster prod: ListOffsets v6 on broker 2 failing: Connection closed',
      }),
      expect.objectContaining({
        level: 'info',
        cluster: 'prod',
        operation: 'ListOffsets',
        broker: 2,
        msg: 'cluster prod: ListOffsets v6 on broker 2 works again',
      }),
    ]);
  });

  it('says "not served", at info, for a request the broker does not serve', () => {
    const captured = captureLog();
    new FailureLog('old', captured.logger).cycleSucceeded(
      [{ operation: 'ConsumerGroupDescribe', broker: 1, message: 'needs Kafka 3.7', notServed: true }],
      1_000,
    );
    expect(captured.records()).toEqual([
      expect.objectContaining({
        level: 'info',
        notServed: true,
        msg: 'cluster old: ConsumerGroupDescribe on broker 1 not served: needs Kafka 3.7',
      }),
    ]);
  });

  it('logs an unreachable cluster once when its cycles start failing and once when one succeeds again', () => {
    const captured = captureLog();
    const log = new FailureLog('prod', captured.logger);
    log.cycleSucceeded([], 0);
    log.cycleFailed('connect ECONNREFUSED 127.0.0.1:9092', 10_000);
    log.cycleFailed('connect ECONNREFUSED 127.0.0.1:9092', 20_000);
    log.cycleFailed('Request timed out', 30_000);
    log.cycleSucceeded([], 42_000);
    log.cycleSucceeded([], 52_000);
    expect(captured.records()).toEqual([
      expect.objectContaining({
        level: 'error',
        cluster: 'prod',
        error: 'connect ECONNREFUSED 127.0.0.1:9092',
        errorKind: 'unreachable',
        msg: 'cluster prod: Cluster unreachable: connect ECONNREFUSED 127.0.0.1:9092',
      }),
      expect.objectContaining({
        level: 'info',
        cluster: 'prod',
        failedCycles: 3,
        downSeconds: 32,
        msg: 'cluster prod answers again, after 3 failed cycles (32 s)',
      }),
    ]);
  });

  it('logs again when the same outage changes kind, not while it keeps it', () => {
    const captured = captureLog();
    const log = new FailureLog('prod', captured.logger);
    log.cycleFailed('SASL authentication failed: invalid credentials', 0, 'auth-failed');
    log.cycleFailed('SASL authentication failed: invalid credentials', 10_000, 'auth-failed');
    log.cycleFailed('connection refused', 20_000, 'unreachable');
    log.cycleSucceeded([], 30_000);
    expect(captured.messages()).toEqual([
      'cluster prod: Sign-in refused by the brokers: SASL authentication failed: invalid credentials',
      'cluster prod: Cluster unreachable: connection refused',
      'cluster prod answers again, after 3 failed cycles (30 s)',
    ]);
    expect(captured.records()[0]).toMatchObject({ level: 'error', errorKind: 'auth-failed' });
  });
});
