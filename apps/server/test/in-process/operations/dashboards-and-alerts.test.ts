import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_KINDS } from '../../peer-kit/nodes';
import { InProcessNode } from '../kit/in-process-node';
import { exportedNames } from '../kit/prometheus-text';

/**
 * docker/prometheus (alert rules, their promtool unit tests, the example configuration) and
 * docker/grafana (the dashboard), checked with Prometheus's own promtool (Debian's prometheus
 * package; scripts/test.sh installs it) and against the metrics a real node exports.
 */
const REPO = path.resolve(__dirname, '../../../../..');
const RULES = path.join(REPO, 'docker/prometheus/openmsg-alerts.yml');
const RULE_TESTS = path.join(REPO, 'docker/prometheus/openmsg-alerts.test.yml');
const EXAMPLE_CONFIG = path.join(REPO, 'docker/prometheus/prometheus.example.yml');
const DASHBOARD = path.join(REPO, 'docker/grafana/openmsg-dashboard.json');
const OPERATING_GUIDE = path.join(REPO, 'docs/operating.md');
const PROMTOOL = process.env.PROMTOOL_PATH ?? 'promtool';

const rulesText = readFileSync(RULES, 'utf8');
const dashboard = JSON.parse(readFileSync(DASHBOARD, 'utf8'));

/** Runs promtool with `args` (and `input` on its standard input); its exit code and everything it printed. */
function promtool(args: string[], input = ''): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(PROMTOOL, args);
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'ENOENT'
          ? new Error(
              `${PROMTOOL} not found: install Debian's prometheus package (scripts/test.sh does) or set PROMTOOL_PATH`,
            )
          : error,
      ),
    );
    child.on('close', (code) => resolve({ code: code ?? -1, output }));
    child.stdin.end(input);
  });
}

/** Each alert's part of the rules file, by name. */
function alertBlocks(): Map<string, string> {
  const blocks = rulesText.split(/^\s*- alert: /m).slice(1);
  return new Map(blocks.map((block) => [block.slice(0, block.indexOf('\n')).trim(), block]));
}

interface Panel {
  type: string;
  title: string;
  id: number;
  datasource?: { type: string; uid: string };
  gridPos: { x: number; y: number; w: number; h: number };
  targets?: Array<{ expr: string; datasource: { uid: string } }>;
}
const panels = (dashboard.panels as Panel[]).filter((panel) => panel.type !== 'row');
const dashboardQueries = panels.flatMap((panel) => (panel.targets ?? []).map((target) => target.expr));
const variableQueries: string[] = dashboard.templating.list
  .filter((variable: { type: string }) => variable.type === 'query')
  .map((variable: { query: { query: string } }) => variable.query.query);

/** GitHub's anchor of a Markdown heading. */
const anchorOf = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9 _-]/g, '')
    .replace(/ /g, '-');

describe('alert rules', () => {
  it('pass promtool check rules, with its lint', async () => {
    const { code, output } = await promtool(['check', 'rules', '--lint=all', '--lint-fatal', RULES]);
    expect(output).toContain(`SUCCESS: ${alertBlocks().size} rules found`);
    expect(code).toBe(0);
  });

  it('pass their unit tests (promtool test rules)', async () => {
    const { code, output } = await promtool(['test', 'rules', RULE_TESTS]);
    expect(output).toContain('SUCCESS');
    expect(code).toBe(0);
  });

  it('each have a test that fires them, a severity, a summary and a runbook section in docs/operating.md', () => {
    const tests = readFileSync(RULE_TESTS, 'utf8');
    const anchors = new Set(
      [...readFileSync(OPERATING_GUIDE, 'utf8').matchAll(/^#+ (.+)$/gm)].map(([, heading]) =>
        anchorOf(heading as string),
      ),
    );
    expect(alertBlocks().size).toBeGreaterThanOrEqual(5);
    for (const [name, block] of alertBlocks()) {
      expect(tests, name).toMatch(new RegExp(`alertname: ${name}\\n\\s+exp_alerts:\\n\\s+- exp_labels:`));
      expect(block, name).toMatch(/severity: (warning|critical)\n/);
      expect(block, name).toMatch(/summary: '.+'\n/);
      const runbook = /runbook_url: docs\/operating\.md#(\S+)\n/.exec(block)?.[1];
      expect(runbook, name).toBe(name.toLowerCase());
      expect(anchors.has(runbook as string), `docs/operating.md has no section for ${name}`).toBe(true);
    }
  });

  it('load from the example Prometheus configuration', async () => {
    const { code, output } = await promtool(['check', 'config', '--syntax-only', EXAMPLE_CONFIG]);
    expect(output).toContain('SUCCESS');
    expect(code).toBe(0);
    expect(readFileSync(EXAMPLE_CONFIG, 'utf8')).toMatch(/rule_files:\n\s+- openmsg-alerts\.yml\n/);
  });
});

describe('Grafana dashboard', () => {
  it('takes its Prometheus data source from a variable, on every panel and query', () => {
    const datasource = dashboard.templating.list.find((variable: { name: string }) => variable.name === 'datasource');
    expect(datasource).toMatchObject({ type: 'datasource', query: 'prometheus' });
    expect(panels.length).toBeGreaterThan(10);
    for (const panel of panels) {
      expect(panel.datasource, panel.title).toEqual({ type: 'prometheus', uid: '${datasource}' });
      expect(panel.targets?.length, panel.title).toBeGreaterThan(0);
      for (const target of panel.targets ?? []) expect(target.datasource.uid, panel.title).toBe('${datasource}');
    }
  });

  it('has unique panel ids and panels that fit the 24-column grid without overlapping', () => {
    const all = dashboard.panels as Panel[];
    expect(new Set(all.map((panel) => panel.id)).size).toBe(all.length);
    const taken = new Set<string>();
    for (const { title, gridPos } of all) {
      expect(gridPos.x + gridPos.w, title).toBeLessThanOrEqual(24);
      for (let x = gridPos.x; x < gridPos.x + gridPos.w; x++)
        for (let y = gridPos.y; y < gridPos.y + gridPos.h; y++) {
          expect(taken.has(`${x},${y}`), `${title} overlaps another panel`).toBe(false);
          taken.add(`${x},${y}`);
        }
    }
  });

  it('shows what the issue asks for: traffic, failures by code, queue, handshakes, refusals, HTTP, streams, process, disk', () => {
    const queries = dashboardQueries.join('\n');
    for (const needed of [
      'openmsg_messages_received_total',
      'openmsg_messages_delivered_total',
      'sum by (code) (rate(openmsg_delivery_failures_total',
      'openmsg_delivery_queue_depth',
      'openmsg_delivery_queue_oldest_age_seconds',
      'openmsg_handshakes_total',
      'openmsg_auth_refusals_total',
      'openmsg_http_requests_total{job="$job", instance=~"$instance", status="5xx"}',
      'openmsg_http_request_duration_seconds_bucket',
      'openmsg_event_streams_open',
      'openmsg_process_process_cpu_seconds_total',
      'openmsg_process_process_resident_memory_bytes',
      'openmsg_data_dir_filesystem_free_bytes',
      'openmsg_database_size_bytes',
    ])
      expect(queries).toContain(needed);
  });

  it('asks only valid PromQL (each query checked by promtool as a recording rule)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'openmsg-dashboard-'));
    try {
      // Grafana's variables, as Grafana would fill them in.
      const filled = dashboardQueries.map((query) =>
        query.replaceAll('$__rate_interval', '2m').replaceAll('$job', 'openmsg').replaceAll('$instance', '.*'),
      );
      const rules = filled
        .map((query, i) => `      - record: dashboard_query_${i}\n        expr: ${JSON.stringify(query)}\n`)
        .join('');
      const file = path.join(dir, 'dashboard-queries.yml');
      writeFileSync(file, `groups:\n  - name: dashboard\n    rules:\n${rules}`);
      const { code, output } = await promtool(['check', 'rules', file]);
      expect(output).toContain(`SUCCESS: ${dashboardQueries.length} rules found`);
      expect(code).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.each(DATABASE_KINDS)('the metrics the rules and the dashboard read (%s)', (kind) => {
  let node: InProcessNode;
  beforeAll(async () => {
    node = await InProcessNode.start(kind, 'metrics.test');
  });
  afterAll(() => node?.close());

  it('are all exported by a real node, so a renamed metric breaks this test', async () => {
    const scraped = await (await node.fetch('/metrics')).text();
    const exported = exportedNames(scraped);
    const used = new Set(
      [rulesText, ...dashboardQueries, ...variableQueries].flatMap((text) => text.match(/\bopenmsg_[a-z0-9_]+/g) ?? []),
    );
    expect(used.size).toBeGreaterThanOrEqual(15);
    expect([...used].filter((name) => !exported.has(name))).toEqual([]);
  });

  it("are named as Prometheus expects (promtool check metrics on the node's own metrics)", async () => {
    const scraped = await (await node.fetch('/metrics')).text();
    // prom-client's process metrics are left out: a few of its gauges end in _total, which the lint refuses.
    const own = scraped
      .split(/(?=^# HELP )/m)
      .filter((family) => !family.startsWith('# HELP openmsg_process_'))
      .join('');
    expect(own).toContain('# TYPE openmsg_delivery_queue_oldest_age_seconds gauge');
    expect(await promtool(['check', 'metrics'], own)).toEqual({ code: 0, output: '' });
  });
});
