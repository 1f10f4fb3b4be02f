/**
 * npm run kafka:up | kafka:down | kafka:status | kafka:stop-broker -- N | kafka:start-broker -- N | kafka:fetch
 */
import { down, startBroker, status, stopBroker, up } from './cluster';
import { ensureJars, MissingPrerequisiteError } from './jars';
import { isNodeId, kafkaVersion, NODE_IDS } from './layout';

function nodeArgument(raw: string | undefined): number {
  const nodeId = Number(raw);
  if (!isNodeId(nodeId)) {
    throw new Error(`Give a broker id, one of ${NODE_IDS.join(', ')} (e.g. \`npm run kafka:stop-broker -- 2\`).`);
  }
  return nodeId;
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
      ensureJars(kafkaVersion());
      return;
    case 'status':
      for (const node of status()) {
        console.log(
          `node ${node.nodeId}  127.0.0.1:${node.port}  ${node.pid ? `running (pid ${node.pid}, Kafka ${node.version})` : 'stopped'}`,
        );
      }
      return;
    default:
      throw new Error(
        `Unknown command ${command ?? '(none)'}: use up, down, status, stop-broker N, start-broker N or fetch.`,
      );
  }
}

main(process.argv[2], process.argv[3]).catch((error: Error) => {
  console.error(error instanceof MissingPrerequisiteError ? error.message : `kafka: ${error.message}`);
  process.exit(1);
});
