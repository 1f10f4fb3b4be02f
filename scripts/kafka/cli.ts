/**
 * npm run kafka:up | kafka:down | kafka:status | kafka:stop-broker -- N | kafka:start-broker -- N | kafka:fetch
 *
 * The cluster is chosen by KAFKA_VERSION, KAFKA_MODE and KAFKA_PORT_OFFSET (see layout.ts);
 * every command acts on that cluster only, e.g.
 * `KAFKA_VERSION=2.8.2 KAFKA_MODE=zookeeper KAFKA_PORT_OFFSET=100 npm run kafka:up`.
 */
import { down, startBroker, status, stopBroker, up } from './cluster';
import { ensureJars, MissingPrerequisiteError } from './jars';
import {
  ClusterChoiceError,
  describeCluster,
  isNodeId,
  kafkaVersion,
  localCluster,
  NODE_IDS,
  zooKeeperPort,
} from './layout';
import { runningZooKeeper, zooKeeperVersion } from './zookeeper';

function nodeArgument(raw: string | undefined): number {
  const nodeId = Number(raw);
  if (!isNodeId(nodeId)) {
    throw new Error(`Give a broker id, one of ${NODE_IDS.join(', ')} (e.g. \`npm run kafka:stop-broker -- 2\`).`);
  }
  return nodeId;
}

/** Only the version matters: the jars are the same for both modes, ZooKeeper's included. */
function fetch(): void {
  const version = kafkaVersion();
  ensureJars(version);
  const zooKeeper = zooKeeperVersion(version);
  console.log(`Kafka ${version} jars are in place${zooKeeper ? `, with ZooKeeper ${zooKeeper}` : ''}.`);
}

function printStatus(): void {
  const cluster = localCluster();
  console.log(describeCluster(cluster));
  if (cluster.mode === 'zookeeper') {
    const zooKeeper = runningZooKeeper(cluster);
    const state = zooKeeper ? `running (pid ${zooKeeper.pid})` : 'stopped';
    console.log(`zookeeper  127.0.0.1:${zooKeeperPort(cluster)}  ${state}`);
  }
  for (const node of status()) {
    console.log(
      `node ${node.nodeId}  127.0.0.1:${node.port}  ${node.pid ? `running (pid ${node.pid}, Kafka ${node.version})` : 'stopped'}`,
    );
  }
}

async function main(command: string | undefined, arg: string | undefined): Promise<void> {
  switch (command) {
    case 'up':
      return up();
    case 'down':
      return down();
    case 'stop-broker':
      return stopBroker(nodeArgument(arg));
    case 'start-broker':
      return startBroker(nodeArgument(arg));
    case 'fetch':
      return fetch();
    case 'status':
      return printStatus();
    default:
      throw new Error(
        `Unknown command ${command ?? '(none)'}: use up, down, status, stop-broker N, start-broker N or fetch.`,
      );
  }
}

main(process.argv[2], process.argv[3]).catch((error: Error) => {
  const plain = error instanceof MissingPrerequisiteError || error instanceof ClusterChoiceError;
  console.error(plain ? error.message : `kafka: ${error.message}`);
  process.exit(1);
});
