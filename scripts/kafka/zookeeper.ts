/**
 * The single ZooKeeper server of a ZooKeeper-mode cluster (Kafka 2.x and 3.x). It runs
 * from the org.apache.zookeeper:zookeeper jar that Maven resolves with the Kafka release
 * (3.5.9 for Kafka 2.8.2, 3.8.4 for 3.6.2 and 3.9.1), as a JVM of its own.
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { classesInJars } from './jar-classes';
import { classpath, ensureJars } from './jars';
import { type LocalCluster, libDir, zooKeeperDir, zooKeeperPidFile, zooKeeperPort } from './layout';
import { log4jProperties, zooKeeperConfig } from './node-config';
import {
  ensurePortsFree,
  type Log,
  type PidRecord,
  runningProcess,
  sleep,
  startJava,
  stopProcess,
  type TrackedProcess,
} from './processes';

const SERVER_CLASS = 'org.apache.zookeeper.server.quorum.QuorumPeerMain';
const READY_TIMEOUT_MS = 60_000;

function configFile(cluster: LocalCluster): string {
  return path.join(zooKeeperDir(cluster), 'zoo.cfg');
}

function tracked(cluster: LocalCluster): TrackedProcess {
  return { pidFile: zooKeeperPidFile(cluster), marker: configFile(cluster), name: 'ZooKeeper' };
}

/** "3.5.9", from the jar's file name (zookeeper-3.5.9.jar, not zookeeper-jute-…). */
export function zooKeeperVersion(kafkaVersion: string): string | null {
  const jar = fs.readdirSync(libDir(kafkaVersion)).find((name) => /^zookeeper-\d[\w.-]*\.jar$/.test(name));
  return jar?.slice('zookeeper-'.length, -'.jar'.length) ?? null;
}

export function runningZooKeeper(cluster: LocalCluster): PidRecord | null {
  return runningProcess(tracked(cluster));
}

/** `srvr` (one of ZooKeeper's four-letter words) answers with a "Mode:" line once it serves requests. */
function zooKeeperServing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    let answer = '';
    const socket = net.connect({ host: '127.0.0.1', port }, () => socket.write('srvr'));
    socket.setTimeout(2000);
    socket.on('data', (chunk) => (answer += chunk.toString()));
    socket.once('close', () => resolve(/^Mode: /m.test(answer)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => socket.destroy());
  });
}

async function waitForZooKeeper(cluster: LocalCluster): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (!runningZooKeeper(cluster)) {
      throw new Error(`ZooKeeper exited while starting; see ${path.join(zooKeeperDir(cluster), 'logs')}`);
    }
    if (await zooKeeperServing(zooKeeperPort(cluster))) return;
    await sleep(300);
  }
  throw new Error(`ZooKeeper did not answer on port ${zooKeeperPort(cluster)} within ${READY_TIMEOUT_MS / 1000}s.`);
}

function writeConfig(cluster: LocalCluster): void {
  const dir = zooKeeperDir(cluster);
  fs.mkdirSync(path.join(dir, 'data'), { recursive: true });
  fs.writeFileSync(configFile(cluster), zooKeeperConfig(cluster));
  fs.writeFileSync(path.join(dir, 'log4j.properties'), log4jProperties());
}

/** Starts the ZooKeeper server unless it runs, and waits until it serves requests. */
export async function ensureZooKeeper(cluster: LocalCluster, log: Log): Promise<void> {
  if (runningZooKeeper(cluster)) return waitForZooKeeper(cluster);
  ensureJars(cluster.version, log);
  if (!classesInJars(libDir(cluster.version)).has(SERVER_CLASS)) {
    throw new Error(`Kafka ${cluster.version}'s jars bring no ZooKeeper server (${SERVER_CLASS}).`);
  }
  await ensurePortsFree([zooKeeperPort(cluster)], 'ZooKeeper');
  writeConfig(cluster);
  const dir = zooKeeperDir(cluster);
  const args = [
    '-Xms32m',
    '-Xmx128m',
    '-XX:+ExitOnOutOfMemoryError',
    `-Dkafka.logs.dir=${path.join(dir, 'logs')}`,
    `-Dlog4j.configuration=file:${path.join(dir, 'log4j.properties')}`,
    '-cp',
    classpath(cluster.version),
    SERVER_CLASS,
    configFile(cluster),
  ];
  startJava(tracked(cluster), cluster.version, args, path.join(dir, 'logs', 'stdout.log'));
  log(
    `Starting ZooKeeper ${zooKeeperVersion(cluster.version) ?? '(version unknown)'} on 127.0.0.1:${zooKeeperPort(cluster)}...`,
  );
  await waitForZooKeeper(cluster);
}

export async function stopZooKeeper(cluster: LocalCluster, log: Log): Promise<void> {
  await stopProcess(tracked(cluster), log);
}
