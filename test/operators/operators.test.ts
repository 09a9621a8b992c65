/**
 * The operator's view, end to end on the Temporal dev server: the real worker (`npm run worker`'s
 * worker/main.ts, in a child process, with JSON logs and Prometheus metrics) runs the cases with
 * encrypted payloads; the real CLI lists them by each filter, shows one, tells its history and acts
 * on many; the metrics endpoint counts them by state.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { loadConfig } from '../../platform/config';
import { openDatabase } from '../../platform/database';
import { addDays } from '../../domain/calendar';
import { actUpdate, APPLICATION_WORKFLOW, statusQuery, type CaseStatus } from '../../workflows/definitions';
import { CASE_JURISDICTION, CASE_OVERDUE, CASE_STATE } from '../../workflows/search-attributes';
import { anApplication, FACTS, GRANT, withActor, type TestAction } from '../support/cases';
import { runCli } from '../support/cli';
import { createDevServerEnv, TEST_ENCRYPTION_ENV, testDataConverter } from '../support/temporal';
import { keepOutput } from '../support/test-log';
import { freePort } from '../../scripts/free-port';

const ROOT = resolve(__dirname, '../..');
const taskQueue = 'operators';
const dataDir = mkdtempSync(join(tmpdir(), 'dossier-operators-'));
let env: TestWorkflowEnvironment;
let worker: ChildProcess;
const workerLog: string[] = [];
let metricsAddress: string;
const cliEnv = () => ({
  TEMPORAL_ADDRESS: env.address,
  TEMPORAL_TASK_QUEUE: taskQueue,
  DOSSIER_DATA_DIR: dataDir,
  DOSSIER_ACTOR: 'operator:ops-0001',
  ...TEST_ENCRYPTION_ENV,
});

const CASES = { a: 'NL-OPS1-A', b: 'NL-OPS1-B', c: 'NO-OPS1-C', d: 'NL-OPS1-D', overdue: 'NL-OPS1-E' };
const cureDue: Record<string, string> = {};

async function poll<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? ` (last error: ${(last as Error).message})` : ''}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

async function open(caseNumber: string, facts = FACTS.nlPolicyGrants): Promise<WorkflowHandle> {
  return env.client.workflow.start(APPLICATION_WORKFLOW, { taskQueue, workflowId: caseNumber, args: [{ application: anApplication({ caseNumber, facts }) }] });
}
const act = (handle: WorkflowHandle, action: TestAction): Promise<CaseStatus> => handle.executeUpdate(actUpdate, { args: [withActor(action)] });

beforeAll(async () => {
  [env, metricsAddress] = await Promise.all([createDevServerEnv({}, { dataConverter: testDataConverter() }), freePort().then((p) => `127.0.0.1:${p}`)]);
  // The worker as operators run it; its cwd is a scratch folder so nothing it writes lands in the clone.
  worker = spawn(process.execPath, [join(ROOT, 'bin', 'run.js'), join(ROOT, 'worker', 'main.ts')], {
    cwd: dataDir,
    env: { ...process.env, ...cliEnv(), DOSSIER_METRICS_ADDRESS: metricsAddress, DOSSIER_CASE_METRICS_INTERVAL: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let partial = '';
  worker.stdout!.on('data', (chunk) => {
    const lines = (partial + chunk).split('\n');
    partial = lines.pop()!;
    workerLog.push(...lines.filter(Boolean));
  });
  keepOutput(worker.stderr!, 'worker stderr');
  await poll(async () => (workerLog.some((l) => l.includes('worker started')) ? true : undefined), 'the worker to start', 60_000);

  const a = await open(CASES.a);
  cureDue.a = (await act(a, { type: 'request-evidence', missing: ['valid passport'] })).deadlines.cure!.due;
  const b = await open(CASES.b);
  const due = (await act(b, { type: 'request-evidence', missing: ['valid passport'] })).deadlines.cure!.due;
  cureDue.b = addDays(due, 7);
  await act(b, { type: 'extend-cure-period', until: cureDue.b, reason: 'post strike' });
  await open(CASES.c, FACTS.noChild);
  const d = await open(CASES.d);
  await act(d, { type: 'confirm-complete' });
  await act(d, GRANT);
  // An overdue case needs its 90-day decision period to pass, which the dev server cannot skip (and the
  // time-skipping server, which can, has no visibility queries). This one carries the attributes an
  // overdue case publishes, on a task queue no worker serves, so its record is never overwritten.
  await env.client.workflow.start(APPLICATION_WORKFLOW, {
    taskQueue: 'operators-no-worker',
    workflowId: CASES.overdue,
    args: [{ application: anApplication({ caseNumber: CASES.overdue }) }],
    typedSearchAttributes: [
      { key: CASE_STATE, value: 'readyForDecision' },
      { key: CASE_JURISDICTION, value: 'NL' },
      { key: CASE_OVERDUE, value: true },
    ],
  });
}, 120_000);

afterAll(async () => {
  if (worker && worker.exitCode === null) {
    worker.kill('SIGINT');
    await new Promise((r) => worker.once('exit', r));
  }
  await env?.teardown();
  rmSync(dataDir, { recursive: true, force: true });
});

/** `cases list --json` with these filters, polled until visibility shows `expected` (it is eventually consistent). */
async function listed(filters: string[], expected: string[]): Promise<string[]> {
  let seen: string[] = [];
  await poll(
    async () => {
      const run = await runCli(['cases', 'list', '--json', ...filters], cliEnv());
      if (run.code !== 0) throw new Error(run.stderr);
      seen = run
        .json<{ caseNumber: string }[]>()
        .map((r) => r.caseNumber)
        .sort();
      return JSON.stringify(seen) === JSON.stringify([...expected].sort()) ? seen : undefined;
    },
    `cases list ${filters.join(' ')} to show ${expected.join(', ')}`,
  ).catch((err: Error) => {
    throw new Error(`${err.message}; last seen: ${seen.join(', ') || 'none'}`);
  });
  return seen;
}

test('cases list finds cases by state, jurisdiction, deadline, overdue and running', async () => {
  await listed(['--state', 'awaitingEvidence'], [CASES.a, CASES.b]);
  await listed(['--state', 'closed'], [CASES.d]);
  await listed(['--state', 'completenessCheck,closed'], [CASES.c, CASES.d]);
  await listed(['--jurisdiction', 'no'], [CASES.c]);
  await listed(['--deadline-before', addDays(cureDue.a!, 1)], [CASES.a]);
  await listed(['--overdue'], [CASES.overdue]);
  await listed(['--running', '--jurisdiction', 'NL'], [CASES.a, CASES.b, CASES.overdue]);

  const table = await runCli(['cases', 'list', '--state', 'awaitingEvidence'], cliEnv());
  const lines = table.stdout.trimEnd().split('\n');
  expect(lines[0]).toMatch(/^CASE {2,}STATE {2,}JUR {2,}NEXT DEADLINE \(UTC\) {2,}OVERDUE {2,}EXECUTION {2,}RECEIVED$/);
  expect(lines.slice(1, 3)).toEqual([
    expect.stringMatching(new RegExp(`^${CASES.a} {2,}awaitingEvidence {2,}NL {2,}${cureDue.a} \\d\\d:59 {2,}no {2,}running {2,}\\d{4}-`)),
    expect.stringMatching(new RegExp(`^${CASES.b} {2,}awaitingEvidence {2,}NL {2,}${cureDue.b} \\d\\d:59 {2,}no {2,}running {2,}\\d{4}-`)),
  ]);
  expect(lines[3]).toBe('2 cases');
  // The columns line up: every row has its STATE at the header's offset.
  expect(lines.slice(1, 3).every((l) => l.indexOf('awaitingEvidence') === lines[0]!.indexOf('STATE'))).toBe(true);

  const badState = await runCli(['cases', 'list', '--state', 'approved'], cliEnv());
  expect([badState.code, badState.stderr]).toEqual([2, expect.stringContaining('--state: unknown state "approved"; known: submitted, completenessCheck')]);
  const badDate = await runCli(['cases', 'list', '--deadline-before', 'next week'], cliEnv());
  expect([badDate.code, badDate.stderr]).toEqual([2, expect.stringContaining('--deadline-before: "next week" is neither a date')]);
  const badOption = await runCli(['cases', 'list', '--colour'], cliEnv());
  expect([badOption.code, badOption.stderr]).toEqual([2, expect.stringContaining('unknown option --colour')]);
});

test("cases reindex fills the web app's work queue from visibility: a case no worker told of gets its line", async () => {
  // The worker writes each case's line itself; the case on the queue no worker serves was never told, so it has none.
  const database = await openDatabase(loadConfig(cliEnv()));
  try {
    const lineOf = (caseNumber: string) => database.db.selectFrom('caseQueue').selectAll().where('caseNumber', '=', caseNumber).executeTakeFirst();
    expect(await lineOf(CASES.overdue)).toBeUndefined();
    expect(await lineOf(CASES.a)).toMatchObject({ state: 'awaitingEvidence', execution: 'RUNNING' });
    const outcome = await poll(async () => {
      const run = await runCli(['cases', 'reindex', '--json'], cliEnv());
      if (run.code !== 0) throw new Error(run.stderr);
      return (await lineOf(CASES.overdue)) ? run.json<{ seen: number; added: number; closed: number }>() : undefined;
    }, 'cases reindex to add the case no worker told of');
    expect(outcome.seen).toBeGreaterThanOrEqual(5);
    expect(await lineOf(CASES.overdue)).toMatchObject({ state: 'readyForDecision', jurisdiction: 'NL', overdue: 1, execution: 'RUNNING', seq: 0 });
    const text = await runCli(['cases', 'reindex'], cliEnv());
    expect(text.stdout).toMatch(/^\d+ cases seen in visibility: 0 added to the work queue, 0 closed in it\n$/);
  } finally {
    await database.close();
  }
});

test('case show: state, allowed actions, the deadline ledger, the assessment and the decision', async () => {
  const shown = await runCli(['case', 'show', CASES.b], cliEnv());
  expect(shown.stderr).toBe('');
  expect(shown.stdout).toContain(`case:            ${CASES.b} (NL)\nstate:           awaitingEvidence\n`);
  expect(shown.stdout).toContain('allowed actions: extend-cure-period, supply-evidence, withdraw\n');
  expect(shown.stdout).toMatch(new RegExp(`\\n  cure {2,}${cureDue.b} {2,}${cureDue.b} 23:59 {2,}Vc 2000 B16/7`));
  expect(shown.stdout).toMatch(/\n {2}decision {2}suspended since \d{4}-\d\d-\d\d/);
  expect(shown.stdout).toMatch(/\n {2}suspension {2}\d{4}-\d\d-\d\d {2}open {2,}Awb 4:15\(1\)\(a\) {2,}evidence requested\n/);
  expect(shown.stdout).toContain(`cure period extended on `);
  expect(shown.stdout).toContain(`→ ${cureDue.b} (post strike)`);
  expect(shown.stdout).toContain('Decision\n  none yet\n');

  const decided = await runCli(['case', 'show', CASES.d], cliEnv());
  expect(decided.stdout).toContain('state:           closed\n');
  expect(decided.stdout).toMatch(/Assessment\n {2}policy-grants on \d{4}-\d\d-\d\d \(\S+\): \S/);
  expect(decided.stdout).toMatch(
    /Decision\n {2}granted on \d{4}-\d\d-\d\d \d\d:\d\d\n {2}- Vb 2000 art\. 3\.51 lid 1 sub a\n {2}permit: voortgezet verblijf, 2027-01-01 to 2031-12-31/,
  );

  const json = await runCli(['case', 'show', CASES.d, '--json'], cliEnv());
  expect(json.json()).toMatchObject({ caseNumber: CASES.d, state: 'closed', decision: { outcome: 'granted' } });
  const missing = await runCli(['case', 'show', 'NL-NOSUCH-1'], cliEnv());
  expect([missing.code, missing.stderr]).toEqual([1, expect.stringContaining('no case NL-NOSUCH-1')]);
  const badId = await runCli(['case', 'show', 'nl 1'], cliEnv());
  expect([badId.code, badId.stderr]).toEqual([2, expect.stringContaining('CASE-ID: a case number looks like')]);
});

test('status answers from the status the worker keeps, without Temporal; --live and an ended case ask Temporal', async () => {
  const asked = await env.client.workflow.getHandle(CASES.b).query(statusQuery);
  const kept = await runCli(['status', CASES.b], cliEnv());
  expect([kept.stderr, kept.json()]).toEqual(['', asked]);

  // Nothing listens on port 1: the kept status needs no Temporal, what asks the case does.
  const noTemporal = { ...cliEnv(), TEMPORAL_ADDRESS: '127.0.0.1:1' };
  const offline = await runCli(['status', CASES.b], noTemporal);
  expect([offline.code, offline.json()]).toEqual([0, asked]);
  const live = await runCli(['status', CASES.b, '--live'], noTemporal);
  expect([live.code, live.stderr]).toEqual([1, expect.stringContaining('cannot reach Temporal at 127.0.0.1:1')]);
  const ended = await runCli(['status', CASES.d], noTemporal);
  expect([ended.code, ended.stderr]).toEqual([1, expect.stringContaining('cannot reach Temporal')]);
  expect((await runCli(['status', CASES.d], cliEnv())).json()).toMatchObject({ caseNumber: CASES.d, state: 'closed' });

  // Another data folder has no database: the case is asked.
  const elsewhere = mkdtempSync(join(tmpdir(), 'dossier-no-database-'));
  const fresh = await runCli(['status', CASES.b], { ...cliEnv(), DOSSIER_DATA_DIR: elsewhere });
  expect([fresh.code, fresh.json()]).toEqual([0, asked]);
  rmSync(elsewhere, { recursive: true, force: true });
});

test('case history tells the case in domain terms, decrypting what Temporal stores encrypted', async () => {
  const run = await runCli(['case', 'history', CASES.b], cliEnv());
  expect(run.stderr).toBe('');
  const rows = run.stdout.trimEnd().split('\n');
  expect(rows[0]).toMatch(/^TIME \(Europe\/Amsterdam\) {2}EVENT {2,}BY {2,}WHAT {2,}LEGAL BASIS$/);
  const cells = rows.slice(1).map((r) => r.split(/ {2,}/));
  const find = (event: string, what: string) => cells.find((c) => c[1] === event && c[3]?.startsWith(what));
  expect(find('received', `application ${CASES.b} (NL, continued-residence)`)).toBeDefined();
  expect(find('evidence requested', `missing: valid passport; cure period until ${addDays(cureDue.b!, -7)}`)?.slice(2)).toEqual([
    'caseworker cw-0042',
    `missing: valid passport; cure period until ${addDays(cureDue.b!, -7)}`,
    expect.stringMatching(/^Vc 2000 B16\/7; Awb 4:5/),
  ]);
  expect(find('notice sent', 'evidence-request to applicant')).toBeDefined();
  expect(find('cure period extended', `until ${cureDue.b}: post strike`)?.[2]).toBe('caseworker cw-0042');
  expect(find('notice sent', `deadline-extended to applicant`)?.[3]).toContain(`deadline ${cureDue.b}`);
  expect(find('state', 'awaitingEvidence')).toBeDefined();
  expect(cells.map((c) => c[0])).toEqual([...cells.map((c) => c[0])].sort());

  const json = await runCli(['case', 'history', CASES.b, '--json'], cliEnv());
  const { entries } = json.json<{ entries: { event: string; by: string; legalBasis: string[] }[] }>();
  expect(entries.find((e) => e.event === 'evidence requested')).toMatchObject({
    by: 'caseworker cw-0042',
    legalBasis: expect.arrayContaining([expect.stringMatching(/^Vc 2000 B16\/7/)]),
  });

  // What Temporal stores is encrypted: the raw history has none of what the timeline shows.
  const raw = await runCli(['case', 'history', CASES.b, '--raw'], cliEnv());
  expect(raw.code).toBe(0);
  expect(JSON.parse(raw.stdout).events.length).toBeGreaterThan(10);
  const stored = [...raw.stdout.matchAll(/"data": "([^"]+)"/g)].map((m) => Buffer.from(m[1]!, 'base64').toString('latin1'));
  expect(stored.length).toBeGreaterThan(5);
  expect(stored.filter((text) => text.includes('valid passport') || text.includes('post strike'))).toEqual([]);
});

type Bulk = {
  dryRun: boolean;
  matched: number;
  accepted?: number;
  rejected?: number;
  wouldAct?: number;
  cases: { caseNumber: string; result: string; reason: string | null; action: { until?: string } | null }[];
};
const dueOf = async (caseNumber: string) => (await env.client.workflow.getHandle(caseNumber).query(statusQuery)).deadlines.cure!.due;

test('acting on many cases: a dry run first, then each case accepts or rejects with its reason', async () => {
  const until = addDays(cureDue.a!, 3); // later than A's deadline, earlier than B's (already extended)
  const payload = JSON.stringify({ until, reason: 'outage on the intake portal' });
  const dry = await runCli(['cases', 'act', 'extend-cure-period', payload, '--state', 'awaitingEvidence', '--dry-run', '--json'], cliEnv());
  expect(dry.code).toBe(0);
  expect(dry.json<Bulk>()).toMatchObject({ dryRun: true, matched: 2, wouldAct: 2 });
  expect([await dueOf(CASES.a), await dueOf(CASES.b)]).toEqual([cureDue.a, cureDue.b]);

  const run = await runCli(['cases', 'act', 'extend-cure-period', payload, '--state', 'awaitingEvidence', '--json'], cliEnv());
  expect(run.code).toBe(1);
  const summary = run.json<Bulk>();
  expect(summary).toMatchObject({ dryRun: false, matched: 2, accepted: 1, rejected: 1 });
  expect(summary.cases).toEqual([
    expect.objectContaining({ caseNumber: CASES.a, result: 'accepted', reason: null }),
    expect.objectContaining({
      caseNumber: CASES.b,
      result: 'rejected',
      reason:
        'action "extend-cure-period" is refused in state "awaitingEvidence": cureExtendedLater: ' +
        `the new cure deadline ${until} must be later than the current one, ${cureDue.b}`,
    }),
  ]);
  expect(await dueOf(CASES.a)).toBe(until);

  // After an outage: every open cure period one week longer, each from its own deadline.
  const week = await runCli(
    ['cases', 'act', 'extend-cure-period', '--by-days', '7', '--reason', 'outage', '--state', 'awaitingEvidence', '--jurisdiction', 'NL'],
    cliEnv(),
  );
  expect(week.stderr).toBe('');
  expect(week.code).toBe(0);
  expect(week.stdout).toMatch(
    new RegExp(
      `^CASE {2,}STATE {2,}RESULT {2,}PAYLOAD {2,}REASON\\n` +
        `${CASES.a} {2,}awaitingEvidence {2}accepted {2}` +
        `\\{"until":"${addDays(until, 7)}","reason":"outage","actor":\\{"id":"ops-0001","role":"operator"\\}\\}`,
    ),
  );
  expect(week.stdout.trimEnd().split('\n').at(-1)).toBe('2 matched, 2 accepted, 0 rejected');
  expect([await dueOf(CASES.a), await dueOf(CASES.b)]).toEqual([addDays(until, 7), addDays(cureDue.b!, 7)]);

  const noFilter = await runCli(['cases', 'act', 'withdraw'], cliEnv());
  expect([noFilter.code, noFilter.stderr]).toEqual([2, expect.stringContaining('FILTER: name at least one of --state')]);
  const byDaysElsewhere = await runCli(['cases', 'act', 'withdraw', '--by-days', '7', '--state', 'awaitingEvidence'], cliEnv());
  expect([byDaysElsewhere.code, byDaysElsewhere.stderr]).toEqual([2, expect.stringContaining('--by-days: only for extend-cure-period')]);
  const badPayload = await runCli(['cases', 'act', 'extend-cure-period', '{"until":"soon"}', '--state', 'awaitingEvidence'], cliEnv());
  expect([badPayload.code, badPayload.stderr]).toEqual([2, expect.stringContaining('action.until:')]);
});

test('case act takes one action, as dossier act does', async () => {
  const run = await runCli(['case', 'act', CASES.c, 'request-evidence', '{"missing":["birth certificate"]}', '--as', 'caseworker:cw-0100'], cliEnv());
  expect(run.stderr).toBe('');
  expect(run.json()).toMatchObject({ caseNumber: CASES.c, state: 'awaitingEvidence' });
  const refused = await runCli(['case', 'act', CASES.c, 'grant', JSON.stringify(GRANT)], cliEnv());
  expect([refused.code, refused.stderr]).toEqual([1, expect.stringContaining('rejected: ')]);
});

/** The value of one series in a Prometheus text exposition, by metric name and one label. */
function sample(text: string, metric: string, label?: string): number | undefined {
  const line = text.split('\n').find((l) => (l.startsWith(`${metric}{`) && (!label || l.includes(label))) || l.startsWith(`${metric} `));
  return line === undefined ? undefined : Number(line.split(' ').at(-1));
}

test('the worker exposes Prometheus metrics, with case counts by state and overdue, and logs JSON lines', async () => {
  // readyForDecision: the overdue stand-in, which runs (unserved) in that state.
  const expected = { awaitingEvidence: 3, closed: 1, readyForDecision: 1, completenessCheck: 0 };
  const text = await poll(async () => {
    const body = await (await fetch(`http://${metricsAddress}/metrics`)).text();
    const counts = Object.fromEntries(Object.keys(expected).map((state) => [state, sample(body, 'dossier_cases', `state="${state}"`)]));
    return JSON.stringify(counts) === JSON.stringify(expected) && sample(body, 'dossier_cases_overdue') === 1 ? body : undefined;
  }, 'the case gauges to count the cases');
  // The SDK's own runtime metrics are on the same endpoint.
  expect(text).toMatch(/^temporal_\w+/m);
  // Final states are counted too, at zero when no case ended that way.
  expect(sample(text, 'dossier_cases', 'state="withdrawn"')).toBe(0);

  const entries = workerLog.map((line) => JSON.parse(line) as { time: string; level: string; msg: string; metrics?: string });
  expect(entries.every((e) => !Number.isNaN(Date.parse(e.time)) && typeof e.level === 'string' && typeof e.msg === 'string')).toBe(true);
  expect(entries.find((e) => e.msg === 'worker started')).toMatchObject({ level: 'INFO', metrics: `http://${metricsAddress}/metrics` });
});
