/**
 * The configuration files of one local KRaft node (broker and controller in one process).
 */
import path from 'node:path';
import { clientPort, controllerPort, NODE_IDS, nodeDir } from './layout';

/**
 * Production-like except for the clocks: retention is checked every few seconds
 * and deleted segments leave the disk quickly, so retention plays out in minutes.
 */
export function serverProperties(version: string, nodeId: number): string {
  const voters = NODE_IDS.map((id) => `${id}@127.0.0.1:${controllerPort(id)}`).join(',');
  const dir = nodeDir(version, nodeId);
  const settings: Record<string, string | number | boolean> = {
    'process.roles': 'broker,controller',
    'node.id': nodeId,
    'controller.quorum.voters': voters,
    listeners: `PLAINTEXT://127.0.0.1:${clientPort(nodeId)},CONTROLLER://127.0.0.1:${controllerPort(nodeId)}`,
    'advertised.listeners': `PLAINTEXT://127.0.0.1:${clientPort(nodeId)}`,
    'listener.security.protocol.map': 'PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    'controller.listener.names': 'CONTROLLER',
    'inter.broker.listener.name': 'PLAINTEXT',
    'broker.rack': `rack-${nodeId}`,
    'log.dirs': path.join(dir, 'data'),
    'num.partitions': 3,
    'default.replication.factor': 3,
    'min.insync.replicas': 2,
    'offsets.topic.replication.factor': 3,
    'transaction.state.log.replication.factor': 3,
    'transaction.state.log.min.isr': 2,
    'auto.create.topics.enable': false,
    'group.initial.rebalance.delay.ms': 0,
    'log.retention.check.interval.ms': 5000,
    'log.segment.delete.delay.ms': 5000,
    'num.network.threads': 2,
    'num.io.threads': 4,
  };
  return Object.entries(settings)
    .map(([key, value]) => `${key}=${value}`)
    .join('\n')
    .concat('\n');
}

/** log4j 2 (Kafka 4.x): INFO to a file per node, request logs off. */
export function log4j2Properties(): string {
  return [
    'status = warn',
    'appender.file.type = File',
    'appender.file.name = file',
    'appender.file.fileName = ${sys:kafka.logs.dir}/server.log',
    'appender.file.layout.type = PatternLayout',
    'appender.file.layout.pattern = [%d] %p %m (%c)%n',
    'rootLogger.level = info',
    'rootLogger.appenderRef.file.ref = file',
    'logger.request.name = kafka.request.logger',
    'logger.request.level = warn',
    '',
  ].join('\n');
}

/** log4j 1 via reload4j (Kafka 3.x). */
export function log4jProperties(): string {
  return [
    'log4j.rootLogger=INFO, file',
    'log4j.appender.file=org.apache.log4j.FileAppender',
    'log4j.appender.file.File=${kafka.logs.dir}/server.log',
    'log4j.appender.file.layout=org.apache.log4j.PatternLayout',
    'log4j.appender.file.layout.ConversionPattern=[%d] %p %m (%c)%n',
    'log4j.logger.kafka.request.logger=WARN',
    '',
  ].join('\n');
}
