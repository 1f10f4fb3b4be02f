/**
 * The configuration files of the local cluster: one per Kafka node (in KRaft mode a
 * combined broker and controller), the ZooKeeper server's in ZooKeeper mode, and logging.
 */
import path from 'node:path';
import { CLIENT_CERT_PRINCIPAL, tlsFiles } from './certificates';
import {
  clientPort,
  controllerPort,
  hasSecuredListeners,
  type LocalCluster,
  mtlsPort,
  NODE_IDS,
  nodeDir,
  saslSslPort,
  zooKeeperDir,
  zooKeeperPort,
} from './layout';

type Settings = Record<string, string | number | boolean>;

/**
 * Production-like except for the clocks: retention is checked every few seconds
 * and deleted segments leave the disk quickly, so retention plays out in minutes.
 * Every key here is known to Kafka 2.8 and later.
 */
function brokerSettings(cluster: LocalCluster, nodeId: number): Settings {
  return {
    'broker.rack': `rack-${nodeId}`,
    'log.dirs': path.join(nodeDir(cluster, nodeId), 'data'),
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
}

/** A combined broker and controller; the three controllers form a static quorum. */
function kraftSettings(cluster: LocalCluster, nodeId: number): Settings {
  const voters = NODE_IDS.map((id) => `${id}@127.0.0.1:${controllerPort(cluster, id)}`).join(',');
  return {
    'process.roles': 'broker,controller',
    'node.id': nodeId,
    'controller.quorum.voters': voters,
    listeners: `PLAINTEXT://127.0.0.1:${clientPort(cluster, nodeId)},CONTROLLER://127.0.0.1:${controllerPort(cluster, nodeId)}`,
    'advertised.listeners': `PLAINTEXT://127.0.0.1:${clientPort(cluster, nodeId)}`,
    'listener.security.protocol.map': 'PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    'controller.listener.names': 'CONTROLLER',
    'inter.broker.listener.name': 'PLAINTEXT',
  };
}

/**
 * Two more listeners, as production clusters have them, for the tests of TLS, SASL and ACLs:
 * SASL_SSL with SCRAM (users are created by whoever needs them) and SSL that requires a
 * client certificate signed by the local CA. An authorizer refuses what no ACL allows;
 * PLAINTEXT, the controller listener and the mutual-TLS client are super users, so
 * everything that uses PLAINTEXT keeps working as before.
 */
function securedSettings(cluster: LocalCluster, nodeId: number): Settings {
  const plain = `PLAINTEXT://127.0.0.1:${clientPort(cluster, nodeId)}`;
  const secured = `SASL_SSL://127.0.0.1:${saslSslPort(cluster, nodeId)},MTLS://127.0.0.1:${mtlsPort(cluster, nodeId)}`;
  const scram = 'org.apache.kafka.common.security.scram.ScramLoginModule required;';
  return {
    listeners: `${plain},${secured},CONTROLLER://127.0.0.1:${controllerPort(cluster, nodeId)}`,
    'advertised.listeners': `${plain},${secured}`,
    'listener.security.protocol.map': 'PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,SASL_SSL:SASL_SSL,MTLS:SSL',
    'sasl.enabled.mechanisms': 'SCRAM-SHA-256,SCRAM-SHA-512',
    'listener.name.sasl_ssl.scram-sha-256.sasl.jaas.config': scram,
    'listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config': scram,
    'ssl.keystore.type': 'PEM',
    'ssl.keystore.location': tlsFiles.brokerKeystore,
    'ssl.truststore.type': 'PEM',
    'ssl.truststore.location': tlsFiles.ca,
    'listener.name.mtls.ssl.client.auth': 'required',
    'authorizer.class.name': 'org.apache.kafka.metadata.authorizer.StandardAuthorizer',
    'super.users': `User:ANONYMOUS;${CLIENT_CERT_PRINCIPAL}`,
  };
}

/** A broker registered in ZooKeeper; one of them is elected controller there (no controller listener). */
function zooKeeperBrokerSettings(cluster: LocalCluster, nodeId: number): Settings {
  return {
    'broker.id': nodeId,
    'zookeeper.connect': `127.0.0.1:${zooKeeperPort(cluster)}`,
    listeners: `PLAINTEXT://127.0.0.1:${clientPort(cluster, nodeId)}`,
    'advertised.listeners': `PLAINTEXT://127.0.0.1:${clientPort(cluster, nodeId)}`,
    'inter.broker.listener.name': 'PLAINTEXT',
  };
}

function propertiesText(settings: Settings): string {
  return Object.entries(settings)
    .map(([key, value]) => `${key}=${value}`)
    .join('\n')
    .concat('\n');
}

/** server.properties of one node; the placement defaults to the KRaft cluster without a port offset. */
export function serverProperties(
  version: string,
  nodeId: number,
  placement: Omit<LocalCluster, 'version'> = { mode: 'kraft', portOffset: 0 },
): string {
  const cluster = { version, ...placement };
  const modeSettings =
    cluster.mode === 'kraft' ? kraftSettings(cluster, nodeId) : zooKeeperBrokerSettings(cluster, nodeId);
  const secured = hasSecuredListeners(cluster) ? securedSettings(cluster, nodeId) : {};
  return propertiesText({ ...modeSettings, ...secured, ...brokerSettings(cluster, nodeId) });
}

/** zoo.cfg of a single (standalone) ZooKeeper server, loopback only, no admin web server. */
export function zooKeeperConfig(cluster: LocalCluster): string {
  return propertiesText({
    dataDir: path.join(zooKeeperDir(cluster), 'data'),
    clientPort: zooKeeperPort(cluster),
    clientPortAddress: '127.0.0.1',
    tickTime: 2000,
    maxClientCnxns: 0,
    'admin.enableServer': false,
    // `srvr` answers "Mode: standalone" once the server serves requests: the readiness probe.
    '4lw.commands.whitelist': 'srvr',
  });
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

/** log4j 1 for the command-line tools of Kafka 2.x/3.x: warnings to stderr, so stdout stays the tool's output. */
export function toolsLog4jProperties(): string {
  return [
    'log4j.rootLogger=WARN, stderr',
    'log4j.appender.stderr=org.apache.log4j.ConsoleAppender',
    'log4j.appender.stderr.Target=System.err',
    'log4j.appender.stderr.layout=org.apache.log4j.PatternLayout',
    'log4j.appender.stderr.layout.ConversionPattern=[%d] %p %m (%c)%n',
    '',
  ].join('\n');
}

/** log4j 1 (Kafka 2.x and 3.x, and the ZooKeeper server they bring): log4j 1.2 or reload4j. */
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
