/**
 * The operator's view of permits, on the Temporal dev server with encrypted payloads: an in-process
 * worker runs three permits started directly (NL with its renewal window open, NL valid for years,
 * NO); platform/permits.ts finds, reads and acts on them, and the real CLI lists them by each
 * filter, shows one, tells its history and acts, refusing what the permit refuses.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { fileLedger, outboxMailer, type Mailer } from '../../activities';
import { fileContraIndicationRegister } from '../../activities/contra-indications';
import { addDays, addMonths, addYears, localDateOf, type LocalDate } from '../../domain/calendar';
import type { PermitInput } from '../../domain/permit';
import type { Actor } from '../../domain/roles';
import { NotFoundError, RefusedError } from '../../platform/errors';
import type { DecodedEvent } from '../../platform/history/decode';
import { permitTimeline } from '../../platform/history/permit-timeline';
import { actOnPermit, listPermits, parsePermitAction, parsePermitFilter, permitHistory, permitStatus, type PermitRow } from '../../platform/permits';
import { createDossierWorker, dossierActivities } from '../../worker/worker';
import { PERMIT_WORKFLOW, permitWorkflowId, type PermitStatus } from '../../workflows/permit-definitions';
import { actUpdate } from '../../workflows/definitions';
import { FACTS, withActor } from '../support/cases';
import { runCli } from '../support/cli';
import { bundleWorkflows, createDevServerEnv, TEST_ENCRYPTION_ENV, testDataConverter } from '../support/temporal';
import { waitFor } from '../support/wait';

const taskQueue = 'operators-permits';
const dataConverter = testDataConverter();
let env: TestWorkflowEnvironment;
let worker: { instance: Worker; running: Promise<void> };
let mailer: Mailer;
let dir: string;
const cliEnv = () => ({ TEMPORAL_ADDRESS: env.address, TEMPORAL_TASK_QUEUE: taskQueue, DOSSIER_DATA_DIR: dir, ...TEST_ENCRYPTION_ENV });

const CASEWORKER: Actor = { id: 'cw-0042', role: 'caseworker' };
const HOLDER: Actor = { id: 'portal-7781', role: 'applicant' };
const today: LocalDate = localDateOf(new Date(), 'Europe/Amsterdam');

function aPermit(caseNumber: string, jurisdiction: 'NL' | 'NO', validFrom: LocalDate, validUntil: LocalDate): PermitInput {
  return {
    permitNumber: `${caseNumber}-P1`,
    caseNumber,
    jurisdiction,
    holder: { name: 'Holder Example', email: `${caseNumber.toLowerCase()}@example.test`, language: jurisdiction === 'NO' ? 'no' : 'en' },
    nationality: 'MAR',
    restriction: jurisdiction === 'NO' ? 'oppholdstillatelse etter utlendingsloven § 38' : 'voortgezet verblijf',
    labourMarketNote: 'free to work; no TWV required',
    validFrom,
    validUntil,
    s38Limitations: [],
    grantedOn: validFrom,
  };
}

/** A: NL, expiring in two months (its renewal window is open); B: NL, valid for five years; C: NO, valid for a year. */
const PERMITS = {
  a: aPermit('NL-PRM1-A', 'NL', addYears(today, -1), addMonths(today, 2)),
  b: aPermit('NL-PRM1-B', 'NL', today, addDays(addYears(today, 5), -1)),
  c: aPermit('NO-PRM1-C', 'NO', today, addDays(addYears(today, 1), -1)),
  /** Terminated once it runs: no longer running, still there to read. */
  d: aPermit('NL-PRM1-D', 'NL', today, addDays(addYears(today, 3), -1)),
};
/** On a task queue no worker serves, terminated at once: a permit whose status cannot be read. */
const UNREAD = aPermit('NL-PRM1-E', 'NL', today, addDays(addYears(today, 3), -1));

beforeAll(async () => {
  const [created, bundle, made] = await Promise.all([
    createDevServerEnv({}, { dataConverter }),
    bundleWorkflows(),
    mkdtemp(join(tmpdir(), 'dossier-permits-')),
  ]);
  [env, dir] = [created, made];
  mailer = outboxMailer(join(dir, 'outbox'), 'office@ind.example.test');
  const instance = await createDossierWorker({
    connection: env.nativeConnection,
    namespace: 'default',
    taskQueue,
    workflowBundle: bundle,
    dataConverter,
    activities: dossierActivities({
      client: env.client,
      mailer,
      ledger: fileLedger(join(dir, 'sent')),
      contraIndications: fileContraIndicationRegister(join(dir, 'contra-indications')),
    }),
  });
  worker = { instance, running: instance.run() };
  for (const permit of Object.values(PERMITS)) {
    await env.client.workflow.start(PERMIT_WORKFLOW, { taskQueue, workflowId: permitWorkflowId(permit.caseNumber), args: [{ permit }] });
  }
  await waitFor(
    () =>
      permitStatus(env.client, PERMITS.d.caseNumber).then(
        () => true,
        () => false,
      ),
    'D to run',
  );
  await env.client.workflow.getHandle('NL-PRM1-D.permit').terminate('entered by mistake');
  const unread = await env.client.workflow.start(PERMIT_WORKFLOW, {
    taskQueue: `${taskQueue}-no-worker`,
    workflowId: 'NL-PRM1-E.permit',
    args: [{ permit: UNREAD }],
  });
  await unread.terminate('never served');
  // A's renewal window opened before it started: the invitation goes out at once, before anyone files a renewal.
  await waitFor(async () => (await permitStatus(env.client, PERMITS.a.caseNumber)).period.invitedAt !== null, "A's renewal invitation");
}, 180_000);

afterAll(async () => {
  if (worker) {
    worker.instance.shutdown();
    await worker.running;
  }
  mailer?.close();
  await env?.teardown();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Visibility is eventually consistent: the permits, polled until the listing has `expected` (case numbers, in order). */
async function listedInOrder(list: () => Promise<{ caseNumber: string }[]>, expected: string[], what: string): Promise<void> {
  let seen: string[] = [];
  await waitFor(
    async () => {
      seen = (await list()).map((r) => r.caseNumber);
      return JSON.stringify(seen) === JSON.stringify(expected);
    },
    `${what} to list ${expected.join(', ')}`,
    20_000,
  ).catch((err: Error) => {
    throw new Error(`${err.message}; last seen: ${seen.join(', ') || 'none'}`);
  });
}

const cliList = async (filters: string[]) => {
  const run = await runCli(['permits', 'list', '--json', ...filters], cliEnv());
  if (run.code !== 0) throw new Error(run.stderr);
  return run.json<PermitRow[]>();
};

describe('platform/permits.ts', () => {
  test('a permit by its case number or its workflow id; an unknown one is NotFoundError', async () => {
    const byCase = await permitStatus(env.client, PERMITS.b.caseNumber);
    expect(byCase).toMatchObject({ permitNumber: 'NL-PRM1-B-P1', caseNumber: 'NL-PRM1-B', jurisdiction: 'NL', state: 'valid' });
    expect(await permitStatus(env.client, 'NL-PRM1-B.permit')).toEqual(byCase);
    await expect(permitStatus(env.client, 'NL-NOSUCH-1')).rejects.toEqual(new NotFoundError('permit', 'NL-NOSUCH-1'));
    await expect(permitStatus(env.client, 'not a permit')).rejects.toBeInstanceOf(NotFoundError);
    await expect(permitHistory(env.client, 'NL-NOSUCH-1.permit')).rejects.toThrow('no permit NL-NOSUCH-1.permit');
  });

  test('an action the permit refuses is RefusedError with its state and the rule; one it accepts returns the status after', async () => {
    const early = { type: 'file-renewal' as const, filedOn: today, facts: FACTS.nlPolicyGrants, actor: HOLDER };
    const refused = await actOnPermit(env.client, PERMITS.b.caseNumber, early).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(RefusedError);
    expect(refused).toMatchObject({
      state: 'valid',
      reason: expect.stringMatching(/refused in state "valid": renewalWindowOpen: a renewal may be filed from /),
    });

    const filed = await actOnPermit(env.client, PERMITS.a.caseNumber, early);
    expect(filed).toMatchObject({ state: 'renewalPending', renewals: [{ n: 1, filedOn: today, timing: { kind: 'in-time' } }] });
    await expect(actOnPermit(env.client, 'NL-NOSUCH-1', early)).rejects.toEqual(new NotFoundError('permit', 'NL-NOSUCH-1'));
    // Temporal calls an ended workflow "not found" to an update; the permit is there and refuses.
    await expect(actOnPermit(env.client, 'NL-PRM1-D', early)).rejects.toEqual(
      new RefusedError('valid', "the permit's workflow is no longer running (terminated); it accepts no action"),
    );
  });

  test('parsing an action and a filter names the field and the rule', () => {
    expect(parsePermitAction('withdraw', '{"basis":"incorrect-information","grounds":["forged certificate"]}', { actor: CASEWORKER })).toEqual({
      ok: true,
      value: { type: 'withdraw', basis: 'incorrect-information', grounds: ['forged certificate'], actor: CASEWORKER },
    });
    expect(parsePermitAction('renew', undefined)).toEqual({
      ok: false,
      issues: [expect.stringMatching(/^ACTION: unknown action "renew"; one of file-renewal, /)],
    });
    expect(parsePermitAction('withdraw', '{basis')).toEqual({ ok: false, issues: [expect.stringMatching(/^JSON: not valid JSON/)] });
    expect(parsePermitAction('withdraw', '[]')).toEqual({ ok: false, issues: ['JSON: must be an object'] });
    expect(parsePermitAction('withdraw', '{"basis":"because"}', { actor: CASEWORKER })).toEqual({
      ok: false,
      issues: [expect.stringMatching(/^action\.basis: /), expect.stringMatching(/^action\.grounds: /)],
    });
    expect(parsePermitFilter({ state: ['valid,expired'], jurisdiction: 'no', running: true })).toEqual({
      ok: true,
      value: { states: ['valid', 'expired'], jurisdiction: 'NO', running: true },
    });
    expect(parsePermitFilter({ state: 'approved', jurisdiction: 'SE' })).toEqual({
      ok: false,
      issues: [
        'state: unknown state "approved"; known: valid, lapsed, renewalPending, expired, withdrawn',
        'jurisdiction: unknown jurisdiction "SE"; known: NL, NO',
      ],
    });
  });

  test('listPermits: by state and jurisdiction from each permit, soonest renew-by first, at most the limit', async () => {
    const list =
      (filter: Partial<Parameters<typeof listPermits>[1]>, limit = 100) =>
      () =>
        listPermits(env.client, { states: [], running: false, ...filter }, limit);
    await listedInOrder(list({}), ['NL-PRM1-A', 'NO-PRM1-C', 'NL-PRM1-D', 'NL-PRM1-B', 'NL-PRM1-E'], 'every permit');
    await listedInOrder(list({ running: true }), ['NL-PRM1-A', 'NO-PRM1-C', 'NL-PRM1-B'], 'the running permits');
    await listedInOrder(list({ states: ['renewalPending'] }), ['NL-PRM1-A'], 'the permits pending renewal');
    // A terminated permit keeps the state it had; its execution tells that it no longer runs.
    await listedInOrder(list({ states: ['valid'], jurisdiction: 'NL' }), ['NL-PRM1-D', 'NL-PRM1-B'], 'the valid NL permits');
    expect((await list({ states: ['valid'], jurisdiction: 'NL' })())[0]).toMatchObject({ workflowId: 'NL-PRM1-D.permit', execution: 'TERMINATED' });
    await listedInOrder(list({ jurisdiction: 'NO' }), ['NO-PRM1-C'], 'the NO permits');
    await listedInOrder(list({}, 1), ['NL-PRM1-A'], 'the first permit');
    // A permit whose status cannot be read is listed last when nothing is filtered on, with the reason.
    expect((await list({})()).at(-1)).toMatchObject({
      workflowId: 'NL-PRM1-E.permit',
      caseNumber: 'NL-PRM1-E',
      state: null,
      execution: 'TERMINATED',
      problem: expect.stringContaining('closed before WorkflowTaskStarted'),
    });
    expect((await list({ jurisdiction: 'NO' })())[0]).toEqual({
      workflowId: 'NO-PRM1-C.permit',
      permitNumber: 'NO-PRM1-C-P1',
      caseNumber: 'NO-PRM1-C',
      jurisdiction: 'NO',
      state: 'valid',
      validUntil: PERMITS.c.validUntil,
      expiresAt: expect.stringMatching(new RegExp(`^${PERMITS.c.validUntil}T2[12]:59:59`)),
      renewBy: expect.stringMatching(/^\d{4}-\d\d-\d\d$/),
      execution: 'RUNNING',
      startedAt: expect.any(String),
      problem: null,
    });
  });

  test("permitHistory: the permit's runs decoded, and its story with the renewal filed and the renewal case", async () => {
    const history = await waitFor(async () => {
      const h = await permitHistory(env.client, PERMITS.a.caseNumber);
      return h.entries.some((e) => e.event === 'notice sent') && h.entries.some((e) => e.event === 'renewal case started') && h;
    }, 'the renewal invitation and the renewal case in the history');
    expect(history).toMatchObject({ workflowId: 'NL-PRM1-A.permit', jurisdiction: 'NL', complete: true, runs: [{ runId: expect.any(String) }] });
    const events = history.entries.map((e) => [e.event, e.by, e.what]);
    expect(events).toContainEqual([
      'permit started',
      expect.any(String),
      `NL-PRM1-A-P1 (NL), granted in case NL-PRM1-A: voortgezet verblijf, ${PERMITS.a.validFrom} to ${PERMITS.a.validUntil}`,
    ]);
    expect(events).toContainEqual(['notice sent', 'dossier', `renewal-invitation to nl-prm1-a@example.test, deadline ${PERMITS.a.validUntil}`]);
    expect(events).toContainEqual([
      'renewal filed',
      'applicant portal-7781',
      `filed on ${today}, renewal case NL-PRM1-A-P1-R1 (in-time) (state renewalPending)`,
    ]);
    expect(events).toContainEqual(['renewal case started', 'dossier', 'NL-PRM1-A-P1.renewal.1']);
    expect(history.entries.find((e) => e.event === 'renewal filed')?.legalBasis).toEqual(['Vw 2000 art. 8(g) (lawful residence while the renewal is decided)']);
  }, 120_000);
});

test('permitTimeline: a story whose first runs are gone starts where it continues; the end is told', () => {
  const at = '2031-03-01T10:00:00.000Z';
  const restore = { value: { live: 'valid' }, context: {}, timers: {} };
  const events: DecodedEvent[] = [
    { id: 1, time: at, kind: 'started', workflowType: PERMIT_WORKFLOW, identity: 'worker', input: [{ permit: PERMITS.b, restore }] },
    { id: 7, time: at, kind: 'closed', how: 'completed', result: { ending: 'withdrawn' }, reason: null, identity: null },
  ];
  expect(permitTimeline([events]).map((e) => [e.event, e.what])).toEqual([
    ['permit continued', `NL-PRM1-B-P1 (NL): voortgezet verblijf, ${PERMITS.b.validFrom} to ${PERMITS.b.validUntil}`],
    ['permit ended', 'withdrawn'],
  ]);
});

describe('the CLI', () => {
  test('permits list: a table for people, JSON with --json, each filter; a bad value exits 2 naming the option', async () => {
    await listedInOrder(() => cliList([]), ['NL-PRM1-A', 'NO-PRM1-C', 'NL-PRM1-D', 'NL-PRM1-B', 'NL-PRM1-E'], 'permits list');
    expect((await cliList(['--state', 'valid', '--jurisdiction', 'nl', '--running'])).map((r) => r.caseNumber)).toEqual(['NL-PRM1-B']);
    expect((await cliList(['--state', 'renewalPending,withdrawn', '--running'])).map((r) => r.caseNumber)).toEqual(['NL-PRM1-A']);
    expect((await cliList(['--jurisdiction', 'NO', '--limit', '5'])).map((r) => r.permitNumber)).toEqual(['NO-PRM1-C-P1']);

    const run = await runCli(['permits', 'list', '--state', 'valid', '--running'], cliEnv());
    expect(run.stderr).toBe('');
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^PERMIT {2,}CASE {2,}STATE {2}JUR {2}VALID UNTIL {2}RENEW BY {2,}EXECUTION {2}STARTED \(UTC\) {2,}PROBLEM$/);
    expect(lines.slice(1)).toEqual([
      expect.stringMatching(new RegExp(`^NO-PRM1-C-P1 {2}NO-PRM1-C {2}valid {2}NO {3}${PERMITS.c.validUntil} {3}\\d{4}-\\d\\d-\\d\\d {2}running {4}\\d{4}-`)),
      expect.stringMatching(
        new RegExp(`^NL-PRM1-B-P1 {2}NL-PRM1-B {2}valid {2}NL {3}${PERMITS.b.validUntil} {3}${PERMITS.b.validUntil} {2}running {4}\\d{4}-`),
      ),
      '2 permits',
    ]);

    const badState = await runCli(['permits', 'list', '--state', 'valid,approved'], cliEnv());
    expect([badState.code, badState.stdout, badState.stderr]).toEqual([
      2,
      '',
      expect.stringMatching(/^dossier permits list: --state: unknown state "approved"; known: valid, lapsed, renewalPending, expired, withdrawn\n\nusage: /),
    ]);
    const badJurisdiction = await runCli(['permits', 'list', '--jurisdiction', 'SE'], cliEnv());
    expect([badJurisdiction.code, badJurisdiction.stderr]).toEqual([2, expect.stringContaining('--jurisdiction: unknown jurisdiction "SE"; known: NL, NO')]);
    const badLimit = await runCli(['permits', 'list', '--limit', '0'], cliEnv());
    expect([badLimit.code, badLimit.stderr]).toEqual([2, expect.stringContaining('--limit: "0" is not a positive whole number')]);
  });

  test('permit act: a caseworker withdraws; what the permit refuses exits 1 with the reason; an unknown permit exits 1', async () => {
    const withdrawal = JSON.stringify({ basis: 'incorrect-information', grounds: ['the marriage certificate was forged'] });
    const run = await runCli(['permit', 'act', 'NL-PRM1-B.permit', 'withdraw', withdrawal, '--as', 'caseworker:cw-0100'], cliEnv());
    expect(run.stderr).toBe('');
    expect(run.json<PermitStatus>()).toMatchObject({
      caseNumber: 'NL-PRM1-B',
      state: 'valid',
      withdrawals: [
        { withdrawnOn: today, lodgedOn: null, outcome: null, grounds: [expect.stringMatching(/^Vw 2000 art\. 18/), 'the marriage certificate was forged'] },
      ],
    });

    const [again, byHolder, ended, unknown, badJson, badId] = await Promise.all([
      runCli(['permit', 'act', 'NL-PRM1-B', 'withdraw', withdrawal, '--as', 'caseworker:cw-0100'], cliEnv()),
      runCli(['permit', 'act', 'NL-PRM1-B', 'withdraw', withdrawal, '--as', 'applicant:portal-7781'], cliEnv()),
      runCli(['permit', 'act', 'NL-PRM1-D', 'withdraw', withdrawal, '--as', 'caseworker:cw-0100'], cliEnv()),
      runCli(['permit', 'act', 'NL-NOSUCH-1', 'withdraw', withdrawal, '--as', 'caseworker:cw-0100'], cliEnv()),
      runCli(['permit', 'act', 'NL-PRM1-B', 'withdraw', '{"basis":"incorrect-information"}', '--as', 'caseworker:cw-0100'], cliEnv()),
      runCli(['permit', 'act', 'nl prm1', 'withdraw', withdrawal], cliEnv()),
    ]);
    expect([again.code, again.stderr]).toEqual([
      1,
      'dossier permit act: rejected: action "withdraw" is refused in state "valid": noWithdrawalPending: a withdrawal of this permit is already pending\n',
    ]);
    expect([byHolder.code, byHolder.stderr]).toEqual([1, expect.stringContaining('rejected: action "withdraw" is refused in state "valid": actorMayAct: ')]);
    expect([ended.code, ended.stderr]).toEqual([
      1,
      "dossier permit act: rejected: the permit's workflow is no longer running (terminated); it accepts no action\n",
    ]);
    expect([unknown.code, unknown.stderr]).toEqual([1, 'dossier permit act: no permit NL-NOSUCH-1\n']);
    expect([badJson.code, badJson.stderr]).toEqual([2, expect.stringMatching(/^dossier permit act: action\.grounds: /)]);
    expect([badId.code, badId.stderr]).toEqual([2, expect.stringMatching(/^dossier permit act: PERMIT: "nl prm1" is neither a case number/)]);
  });

  test('permit show: state, allowed actions, validity, renew-by, restrictions, renewals, withdrawals, timers', async () => {
    const [a, b, json, missing] = await Promise.all([
      runCli(['permit', 'show', 'NL-PRM1-A'], cliEnv()),
      runCli(['permit', 'show', 'NL-PRM1-B'], cliEnv()),
      runCli(['permit', 'show', 'NO-PRM1-C.permit', '--json'], cliEnv()),
      runCli(['permit', 'show', 'NL-NOSUCH-1'], cliEnv()),
    ]);
    expect(a.stderr).toBe('');
    expect(a.stdout).toContain(
      `permit:          NL-PRM1-A-P1 (NL), granted in case NL-PRM1-A on ${PERMITS.a.validFrom}\n` +
        'state:           renewalPending\n' +
        'allowed actions: withdraw\n' +
        `valid:           ${PERMITS.a.validFrom} to ${PERMITS.a.validUntil} (ends ${PERMITS.a.validUntil} 23:59 Europe/Amsterdam)\n` +
        `renew by:        ${PERMITS.a.validUntil} (Vw 2000 art. 26 `,
    );
    expect(a.stdout).toContain(
      'restriction:     voortgezet verblijf\nlabour market:   free to work; no TWV required\nlimitations:     none\nattention:       none\n',
    );
    expect(a.stdout).toMatch(
      new RegExp(
        `\\nRenewals\\n {2}N {2}CASE {2,}FILED ON {2,}TIMING.*\\n` +
          ` {2}1 {2}NL-PRM1-A-P1-R1 {2}${today} {2}in-time \\(Vw 2000 art\\. 8\\(g\\).* {2}- {2,}pending\\n`,
      ),
    );
    expect(a.stdout).toContain('\nConversion\n  none (the law attaches no conversion to this permit)\n');
    expect(a.stdout).toMatch(/\nTimers\n {2}TIMER {2,}AT \(Europe\/Amsterdam\) {2}EVENT\n {2}expiry {2,}\S+ 23:59 {2,}permit\.expired\n/);

    expect(b.stdout).toContain('Withdrawals\n  WITHDRAWN ON  OBJECTION UNTIL  LODGED ON  OUTCOME  GROUNDS\n');
    expect(b.stdout).toMatch(
      new RegExp(`\\n {2}${today} {2,}\\d{4}-\\d\\d-\\d\\d {2,}- {2,}pending {2}Vw 2000 art\\. 18.*; the marriage certificate was forged\\n`),
    );
    expect(b.stdout).toMatch(/ {2}objection-period {2,}\S+ 23:59 {2,}objection-period\.expired\n/);

    expect(json.json()).toMatchObject({
      permitNumber: 'NO-PRM1-C-P1',
      jurisdiction: 'NO',
      state: 'valid',
      allowedActions: expect.arrayContaining(['withdraw']),
    });
    expect([missing.code, missing.stderr]).toEqual([1, 'dossier permit show: no permit NL-NOSUCH-1\n']);
  });

  test('permit history: the timeline in the office time zone, and JSON with the decoded events', async () => {
    const [text, json] = await Promise.all([
      runCli(['permit', 'history', 'NL-PRM1-B'], cliEnv()),
      runCli(['permit', 'history', 'NL-PRM1-B', '--json'], cliEnv()),
    ]);
    expect(text.stderr).toBe('');
    const rows = text.stdout.trimEnd().split('\n');
    expect(rows[0]).toMatch(/^TIME \(Europe\/Amsterdam\) {2}EVENT {2,}BY {2,}WHAT {2,}LEGAL BASIS$/);
    const cells = rows.slice(1).map((r) => r.split(/ {2,}/));
    expect(cells[0]?.slice(1, 2)).toEqual(['permit started']);
    expect(cells.find((c) => c[1] === 'withdrawal decided')).toEqual([
      expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/),
      'withdrawal decided',
      'caseworker cw-0100',
      expect.stringMatching(/^incorrect-information: the marriage certificate was forged; objection until \d{4}-\d\d-\d\d \(state valid\)$/),
      expect.stringMatching(/^Vw 2000 art\. 18\(1\)\(c\) and 19 .*; Awb /),
    ]);
    expect(cells.find((c) => c[1] === 'notice sent' && c[3]?.startsWith('withdrawal to nl-prm1-b@example.test'))).toBeDefined();
    // The refused withdrawals never reached the history.
    expect(cells.filter((c) => c[1]?.startsWith('withdraw'))).toHaveLength(1);

    const history = json.json<{ workflowId: string; entries: { event: string }[]; runs: { events: { kind: string }[] }[] }>();
    expect(history.workflowId).toBe('NL-PRM1-B.permit');
    expect(history.runs[0]?.events[0]).toMatchObject({ kind: 'started', workflowType: PERMIT_WORKFLOW });
    expect(history.entries.map((e) => e.event)).toContain('withdrawal decided');
  });

  test('a renewal granted: the permit continues as new with the new terms, and its history spans both runs', async () => {
    const renewalCase = env.client.workflow.getHandle('NL-PRM1-A-P1.renewal.1');
    const terms = {
      restriction: 'voortgezet verblijf',
      labourMarketNote: 'free to work; no TWV required',
      validFrom: addDays(PERMITS.a.validUntil, 1),
      validUntil: addYears(PERMITS.a.validUntil, 5),
    };
    await renewalCase.executeUpdate(actUpdate, { args: [withActor({ type: 'confirm-complete' })] });
    await renewalCase.executeUpdate(actUpdate, { args: [withActor({ type: 'grant', grounds: ['Vb 2000 art. 3.51 lid 1 sub a'], permit: terms })] });
    await waitFor(async () => (await permitStatus(env.client, PERMITS.a.caseNumber)).generation === 1, 'the renewed permit');

    const [text, json, shown] = await Promise.all([
      runCli(['permit', 'history', 'NL-PRM1-A'], cliEnv()),
      runCli(['permit', 'history', 'NL-PRM1-A.permit', '--json'], cliEnv()),
      runCli(['permit', 'show', 'NL-PRM1-A'], cliEnv()),
    ]);
    expect(text.stderr).toBe('');
    const cells = text.stdout
      .trimEnd()
      .split('\n')
      .slice(1)
      .map((r) => r.split(/ {2,}/).slice(1, 4));
    expect(cells).toEqual([
      ['permit started', expect.any(String), expect.stringMatching(/^NL-PRM1-A-P1 \(NL\), granted in case NL-PRM1-A: /)],
      ['timer fired', 'timer', 'the renewal window opened'],
      ['notice sent', 'dossier', `renewal-invitation to nl-prm1-a@example.test, deadline ${PERMITS.a.validUntil}`],
      ['renewal filed', 'applicant portal-7781', expect.stringContaining('renewal case NL-PRM1-A-P1-R1 (in-time)')],
      ['renewal case started', 'dossier', 'NL-PRM1-A-P1.renewal.1'],
      ['renewal case ended', 'dossier', 'NL-PRM1-A-P1.renewal.1: granted'],
      ['new terms', 'dossier', `voortgezet verblijf, ${terms.validFrom} to ${terms.validUntil}`],
    ]);
    const history = json.json<{ runs: unknown[]; complete: boolean }>();
    expect([history.runs.length, history.complete]).toEqual([2, true]);
    expect(shown.stdout).toContain('state:           valid\n');
    expect(shown.stdout).toContain(
      '\nEarlier periods\n  FROM        TO          RESTRICTION          ENDED BY\n' +
        `  ${PERMITS.a.validFrom}  ${PERMITS.a.validUntil}  voortgezet verblijf  renewal\n`,
    );
  }, 120_000);
});
