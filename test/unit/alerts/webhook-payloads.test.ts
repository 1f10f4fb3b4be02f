import { describe, expect, it } from 'vitest';
import type { Condition, Transition } from '@/lib/alerts/alert-types';
import { evaluateRules } from '@/lib/alerts/evaluate-rules';
import {
  alertmanagerAlert,
  alertTimesText,
  escapeSlackText,
  jsonPayload,
  slackPayload,
} from '@/lib/alerts/notifiers/webhook-payloads';
import type { GroupAnalysis } from '@/lib/collector/analysis-types';
import { clusterState, withGroupAnalyses } from '../../helpers/cluster-state-builder';

/** A group name anyone may create, written to ping a Slack channel and add a fake link. */
const HOSTILE = '<!channel> <https://evil.example|Open in Watermark> & co';

/** The group-status alert the real rule raises for a group in ERR with this name. */
function hostileAlert(): Condition {
  const analysis: GroupAnalysis = {
    status: 'ERR',
    maxTimeLagSeconds: 10,
    maxTimeLagLowerBound: false,
    unreadPartitions: 0,
    produceRate: 1,
    consumeRate: 1,
    catchUp: null,
    assignmentBalance: null,
    minSecondsUntilLoss: null,
    lostMessages: 0,
    partitions: new Map(),
  };
  const base = clusterState();
  base.snapshot!.groups[0].groupId = HOSTILE;
  const condition = evaluateRules(withGroupAnalyses(new Map([[HOSTILE, analysis]]), base)).find(
    (c) => c.rule === 'group-status',
  );
  if (!condition) throw new Error('the group-status rule raised nothing');
  return condition;
}

function fired(condition: Condition): Transition {
  return {
    kind: 'fired',
    alert: { ...condition, status: 'firing', since: 1, firedAt: 2, resolvedAt: null, lastSeenAt: 2, forMs: 0 },
  };
}

describe('escapeSlackText', () => {
  it("escapes Slack's three control characters and nothing else", () => {
    expect(escapeSlackText('a < b && c > d')).toBe('a &lt; b &amp;&amp; c &gt; d');
    expect(escapeSlackText('team a/ü:1@x')).toBe('team a/ü:1@x');
  });
});

describe('slackPayload', () => {
  it('puts a hostile group name in the text as plain words: no mention, no second link', () => {
    const alert = hostileAlert();
    expect(alert.message).toContain(HOSTILE);
    const { text } = slackPayload(fired(alert), 'https://watermark.example.com');
    expect(text).not.toContain('<!channel>');
    expect(text).not.toContain('<https://evil.example');
    expect(text).toContain('&lt;!channel&gt; &lt;https://evil.example|Open in Watermark&gt; &amp; co');
    // The one real link: the group's page, its name %-encoded so no `|` or `>` ends it early.
    const links = [...text.matchAll(/<([^>]*)>/g)].map((m) => m[1]);
    expect(links).toEqual([
      `https://watermark.example.com/clusters/prod/groups/${encodeURIComponent(HOSTILE)}|Open in Watermark`,
    ]);
  });
});

describe('links to the alert page', () => {
  it('keep the path of a publicUrl behind a proxy (Slack link and Alertmanager generatorURL)', () => {
    const transition = fired(hostileAlert());
    const page = `https://ops.example.com/watermark/clusters/prod/groups/${encodeURIComponent(HOSTILE)}`;
    for (const publicUrl of ['https://ops.example.com/watermark', 'https://ops.example.com/watermark/']) {
      expect(slackPayload(transition, publicUrl).text).toContain(`<${page}|Open in Watermark>`);
      expect(alertmanagerAlert(transition.alert, 3, publicUrl).generatorURL).toBe(page);
    }
  });
});

describe('alertmanagerAlert', () => {
  it('labels the alert with its subject: topic and partition when it names them, no label for what it lacks', () => {
    const about = (rule: Condition['rule'], subject: Condition['subject']) =>
      alertmanagerAlert(fired({ ...hostileAlert(), rule, severity: 'warning', subject }).alert, 3, null).labels;
    expect(about('group-time-lag', { cluster: 'prod', group: 'billing', topic: 'orders', partition: 3 })).toEqual({
      alertname: 'group-time-lag',
      rule: 'group-time-lag',
      severity: 'warning',
      cluster: 'prod',
      group: 'billing',
      topic: 'orders',
      partition: '3',
    });
    expect(about('log-dir-usage', { cluster: 'prod', broker: 2 })).toEqual({
      alertname: 'log-dir-usage',
      rule: 'log-dir-usage',
      severity: 'warning',
      cluster: 'prod',
      broker: '2',
    });
  });
});

describe('alertTimesText', () => {
  it('gives the start, and the resolution once there is one, as UTC timestamps', () => {
    const since = Date.UTC(2026, 11, 2, 0, 15, 46);
    expect(alertTimesText({ since, resolvedAt: null })).toBe('started 2026-12-02 00:15:46 UTC');
    expect(alertTimesText({ since, resolvedAt: since + 3_600_000 })).toBe(
      'started 2026-12-02 00:15:46 UTC, resolved 2026-12-02 01:15:46 UTC',
    );
  });

  it('puts them in the Slack text of a firing alert', () => {
    const { text } = slackPayload(fired(hostileAlert()), null);
    expect(text).toMatch(/ \(started 1970-01-01 00:00:00 UTC\)$/);
  });
});

describe('jsonPayload', () => {
  it('carries the name verbatim as JSON data, for the receiver to escape for its own medium', () => {
    const body = JSON.parse(JSON.stringify(jsonPayload(fired(hostileAlert())))) as {
      alert: { subject: { group: string } };
    };
    expect(body.alert.subject.group).toBe(HOSTILE);
  });
});
