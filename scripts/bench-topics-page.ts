/**
 * npm run bench:topics-page -- [--topics=5000] [--brokers=host:port,...]
 *
 * How the topic list behaves with thousands of topics, in a real browser against a real
 * cluster: creates `bench-topics.<runid>.t<i>` topics (1 partition, RF 1) in batches of 250,
 * starts `next start` (needs an existing `next build`) on a free port with KAFKA_BROKERS and a
 * fresh WATERMARK_DATA_DIR, waits until the API lists every bench topic, then drives Chromium
 * (1440×900) and prints: time to the first rows, the rows in the DOM (the windowing), a
 * keystroke in the search, a re-sort, jumping and scrolling to the end, and the long tasks of
 * the periodic refetch. Deletes the bench topics and stops the server at the end, also after
 * a Ctrl-C (a second Ctrl-C quits at once and leaves them).
 *
 * Writes to the cluster it is pointed at: meant for the local test cluster (the default),
 * with no other test run going on (their collectors would see the topics too).
 */
import { Kafka, logLevel } from 'kafkajs';
import { chromium, type Browser } from 'playwright-core';
import { describeError } from '../lib/kafka/errors';
import { onInterrupt, wasInterrupted } from './bench/interrupt';
import { measureTopicsPage, type PageFigures } from './bench/topics-page-browser';
import { benchTopicNames, createBenchTopics, deleteBenchTopics } from './bench/topics-page-cluster';
import { assertBuilt, startBenchServer, waitForTopicList, type BenchServer } from './bench/topics-page-server';
import { CHROMIUM_PATH } from './chromium';
import { LOCAL_BROKERS } from './kafka/layout';

const LIST_TIMEOUT_MS = 180_000;

function parseArgs(argv: string[]): { topics: number; brokers: string[] } {
  let topics = 5000;
  let brokers = process.env.KAFKA_BROKERS?.trim() ? process.env.KAFKA_BROKERS.split(',') : LOCAL_BROKERS;
  for (const arg of argv) {
    const [flag, value = ''] = arg.split('=');
    if (flag === '--topics' && /^\d+$/.test(value) && Number(value) >= 20) topics = Number(value);
    else if (flag === '--brokers' && value !== '') brokers = value.split(',');
    else
      throw new Error(
        `Unknown or bad argument ${arg}. Usage: npm run bench:topics-page -- [--topics=5000] [--brokers=…]`,
      );
  }
  return { topics, brokers };
}

const ms = (value: number | null) => (value === null ? '–' : `${Math.round(value)} ms`);

function report(figures: PageFigures, count: number, api: { bytes: number; fetchMs: number }): void {
  const { scroll, idleLongTasks: idle } = figures;
  console.log(`\nTopic list with ${figures.listedTopics} topics (${count} bench topics), Chromium 1440×900:`);
  console.log(`  API /topics                 ${(api.bytes / 1e6).toFixed(2)} MB, ${ms(api.fetchMs)} (server, warm)`);
  console.log(
    `  navigation → first rows     ${ms(figures.firstRowsMs)} (of which /topics fetch ${ms(figures.topicsFetchMs)})`,
  );
  const load = figures.loadLongTasks;
  console.log(`  long tasks until then       ${load.count}, max ${ms(load.maxMs)}, total ${ms(load.totalMs)}`);
  console.log(`  rows in the DOM             ${figures.rowsInDom} of ${figures.listedTopics}`);
  for (const { label, timing } of figures.keystrokes) {
    console.log(`  search key ${label}: ${ms(timing.domMs)} to the DOM, ${ms(timing.frameMs)} to the next frame`);
  }
  for (const { label, timing } of figures.sorts) {
    console.log(`  sort by ${label}: ${ms(timing.domMs)} to the DOM, ${ms(timing.frameMs)} to the next frame`);
  }
  const { jumpToEnd: jump, endKey } = figures;
  console.log(
    `  jump to the end (scrollTop) ${ms(jump.domMs)} to the last row, ${ms(jump.frameMs)} to the next frame; last row in DOM: ${jump.lastRowInDom}`,
  );
  console.log(
    `  End key on a row            ${ms(endKey.domMs)} to the last row, ${ms(endKey.frameMs)} to the next frame; focused: ${endKey.lastRowFocused}`,
  );
  console.log(
    `  scroll top → end            ${scroll.frames} frames at 740 px/frame: median ${ms(scroll.medianFrameMs)}, p95 ${ms(scroll.p95FrameMs)}, ` +
      `max ${ms(scroll.maxFrameMs)}; blank frames ${scroll.blankFrames}; at most ${scroll.maxRowsInDom} rows in the DOM, ` +
      `each ${scroll.rowPx} px (the spacers assume ${scroll.layoutRowPx.toFixed(2)} px)`,
  );
  const long = scroll.longFrames;
  console.log(
    `    frames over 50 ms          ${long.count}: ${ms(long.totalMs)} in all, of which script ${ms(long.scriptMs)}, ` +
      `style/layout/paint ${ms(long.renderMs)}`,
  );
  console.log(
    `  idle ${idle.windowMs / 1000} s (refetch every 5 s)   ${idle.count} long tasks, max ${ms(idle.maxMs)}, total ${ms(idle.totalMs)}`,
  );
}

async function timedFetch(url: string): Promise<{ bytes: number; fetchMs: number }> {
  const startedAt = performance.now();
  const text = await (await fetch(url)).text();
  return { bytes: text.length, fetchMs: performance.now() - startedAt };
}

async function run(topics: number, brokers: string[], cleanup: { server?: BenchServer; browser?: Browser }) {
  const prefix = `bench-topics.${Date.now().toString(36)}.`;
  const kafka = new Kafka({ clientId: 'watermark-bench-topics', brokers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  try {
    let startedAt = performance.now();
    await createBenchTopics(admin, benchTopicNames(prefix, topics), (created) =>
      process.stdout.write(`\rCreating ${topics} topics ${prefix}t*: ${created}`),
    );
    console.log(` in ${ms(performance.now() - startedAt)}`);
    startedAt = performance.now();
    cleanup.server = await startBenchServer(brokers);
    const listed = await waitForTopicList(cleanup.server.baseUrl, prefix, topics, LIST_TIMEOUT_MS);
    console.log(
      `Server ${cleanup.server.baseUrl} listed all ${listed.topics} topics after ${ms(performance.now() - startedAt)}`,
    );
    const api = await timedFetch(`${cleanup.server.baseUrl}/api/clusters/default/topics`);
    cleanup.browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    const page = await cleanup.browser.newPage({ viewport: { width: 1440, height: 900 } });
    const figures = await measureTopicsPage(page, `${cleanup.server.baseUrl}/clusters/default/topics`, prefix, topics);
    report(figures, topics, api);
  } finally {
    await cleanup.browser?.close().catch(() => undefined);
    await cleanup.server
      ?.stop()
      .catch((error: unknown) => console.error(`stopping the server: ${describeError(error)}`));
    const { deleted, left } = await deleteBenchTopics(admin, prefix);
    console.log(`\nDeleted ${deleted} bench topics${left > 0 ? `; ${left} still listed` : ''}.`);
    await admin.disconnect();
  }
}

async function main(): Promise<void> {
  const { topics, brokers } = parseArgs(process.argv.slice(2));
  assertBuilt();
  process.on('SIGINT', onInterrupt);
  await run(topics, brokers, {});
}

main().catch((error: unknown) => {
  console.error(
    wasInterrupted() ? '\nbench:topics-page: interrupted.' : `\nbench:topics-page: failed: ${describeError(error)}`,
  );
  process.exit(wasInterrupted() ? 130 : 1);
});
