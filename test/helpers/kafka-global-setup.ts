/**
 * Makes sure the local 3-broker cluster is up before integration and browser tests.
 * A cluster that is already running is reused and left running.
 */
import { up } from '../../scripts/kafka/cluster';

export default async function setup(): Promise<void> {
  await up(() => undefined);
}
