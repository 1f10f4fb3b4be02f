/**
 * Before measuring: each poller must see the cluster's bench topics and groups, or the
 * bench fails with the poller's own output. A poller that sees nothing costs little and
 * would make a flattering row.
 */
import { sleep } from '../../demo/child-processes';
import { checkInterrupted } from '../interrupt';
import type { BenchPlan } from '../plan';
import { logTail, type BurrowPoller, type Poller } from './peer-processes';
import { scrape } from './scrape';

/** A check's answer: null when satisfied, else what is still missing. */
type Check = () => Promise<string | null>;

async function waitFor(poller: Poller, check: Check, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let missing: string | null = 'no answer yet';
  while (Date.now() < deadline) {
    checkInterrupted();
    if (poller.child.process.exitCode !== null || poller.child.process.signalCode !== null) {
      throw new Error(`${poller.name} exited:\n${logTail(poller)}`);
    }
    try {
      missing = await check();
      if (missing === null) return;
    } catch (error) {
      missing = error instanceof Error ? error.message : String(error);
    }
    await sleep(1_000);
  }
  throw new Error(
    `${poller.name} does not see the cluster after ${timeoutMs / 1000} s: ${missing}\n${logTail(poller)}`,
  );
}

/** Whether every bench group and the first and last bench topic appear in a label `label="…"`. */
function missingIn(text: string, plan: BenchPlan, topicLabel: string, groupLabel: string): string | null {
  const topics = [plan.topics[0].name, plan.topics[plan.topics.length - 1].name];
  const absentTopics = topics.filter((t) => !text.includes(`${topicLabel}="${t}"`));
  const absentGroups = plan.groups.filter((g) => !text.includes(`${groupLabel}="${g.groupId}"`));
  if (absentTopics.length === 0 && absentGroups.length === 0) return null;
  return `missing topics ${absentTopics.join(', ') || '-'}; missing ${absentGroups.length} of ${plan.groups.length} groups`;
}

/** Watermark's metrics list the bench topics (offsets) and every bench group. */
export function waitForWatermark(poller: Poller, plan: BenchPlan, timeoutMs: number): Promise<void> {
  return waitFor(
    poller,
    async () => missingIn((await scrape(poller.metricsUrl)).text, plan, 'topic', 'group'),
    timeoutMs,
  );
}

/** KMinion's metrics list the bench topics and every bench group. */
export function waitForKminion(poller: Poller, plan: BenchPlan, timeoutMs: number): Promise<void> {
  return waitFor(
    poller,
    async () => missingIn((await scrape(poller.metricsUrl)).text, plan, 'topic_name', 'group_id'),
    timeoutMs,
  );
}

/** Burrow's HTTP API lists every bench group, and its metrics the bench topics' offsets. */
export function waitForBurrow(poller: BurrowPoller, plan: BenchPlan, timeoutMs: number): Promise<void> {
  return waitFor(
    poller,
    async () => {
      const response = await fetch(poller.consumersUrl, { signal: AbortSignal.timeout(30_000) });
      const { consumers = [] } = (await response.json()) as { consumers?: string[] };
      const known = new Set(consumers);
      const absent = plan.groups.filter((g) => !known.has(g.groupId)).length;
      if (absent > 0) return `its API lists ${plan.groups.length - absent} of ${plan.groups.length} bench groups`;
      return missingIn((await scrape(poller.metricsUrl)).text, plan, 'topic', 'consumer_group');
    },
    timeoutMs,
  );
}
