/**
 * The work queue in the database (platform/case-queue.ts), on SQLite and on a PostgreSQL 15 server the
 * suite starts: every filter and page of the SQL listing against the queue's order as code states it
 * (platform/case-list.ts `queueOrder`), over generated queues; and a line that only moves forward.
 */
import { join } from 'node:path';
import { loadDataConverter } from '@temporalio/common/lib/internal-non-workflow';
import type { WorkflowInfo } from '@temporalio/workflow';
import SqliteDatabase from 'better-sqlite3';
import fc from 'fast-check';
import { CamelCasePlugin, Kysely, SqliteDialect, type QueryResult, type RootOperationNode, type UnknownRow } from 'kysely';
import { queueOrder, type CaseFilter, type CaseRow } from '../../platform/case-list';
import { caseQueueSinks, queuePage, recordQueueEntry, runningInQueue } from '../../platform/case-queue';
import { keptStatus } from '../../platform/kept-status';
import { newKeyEntry } from '../../platform/codec';
import { loadConfig } from '../../platform/config';
import { dataConverterFor } from '../../platform/data-converter';
import type { Database, Tables } from '../../platform/database';
import type { CaseStatus } from '../../workflows/definitions';
import { suiteDatabases } from '../support/postgres';
import { waitFor } from '../support/wait';
import { testDataConverter } from '../support/temporal';

const databases = suiteDatabases('queue');
const tempFolder = databases.tempFolder;
const open = async (dialect: 'sqlite' | 'postgres'): Promise<Database> => databases.open(await databases.fresh(dialect));

const STATES = ['completenessCheck', 'awaitingEvidence', 'readyForDecision', 'granted'];
// Few instants, so that many lines share a deadline and the tie-breaks are exercised.
const DEADLINES = ['2026-12-15T22:59:59.999Z', '2027-01-10T22:59:59.999Z', '2027-03-31T21:59:59.999Z'];

const lineArb = fc.record({
  state: fc.constantFrom(...STATES),
  jurisdiction: fc.constantFrom('NL', 'NO'),
  nextDeadline: fc.option(fc.constantFrom(...DEADLINES), { nil: null }),
  overdue: fc.boolean(),
  running: fc.boolean(),
  caseworker: fc.option(fc.constantFrom('cw-0001', 'cw-0002'), { nil: null }),
});
const filterArb: fc.Arbitrary<CaseFilter> = fc.record({
  states: fc.subarray(STATES),
  jurisdiction: fc.option(fc.constantFrom('NL', 'NO'), { nil: undefined }),
  deadlineBefore: fc.option(fc.constantFrom('2027-01-01T00:00:00.000Z', '2027-02-01T00:00:00.000Z'), { nil: undefined }),
  overdue: fc.boolean(),
  running: fc.boolean(),
});

/** What the filter means, in code: the lines it keeps, in the queue's order; `caseworker`: "my cases". */
function expected(rows: (CaseRow & { caseworker: string | null })[], filter: CaseFilter, caseworker?: string): string[] {
  return rows
    .filter(
      (row) =>
        (!caseworker || row.caseworker === caseworker) &&
        (filter.states.length === 0 || filter.states.includes(row.state!)) &&
        (!filter.jurisdiction || row.jurisdiction === filter.jurisdiction) &&
        (!filter.deadlineBefore || (row.nextDeadline !== null && row.nextDeadline < filter.deadlineBefore)) &&
        (!filter.overdue || row.overdue) &&
        (!filter.running || row.execution === 'RUNNING'),
    )
    .sort(queueOrder)
    .map((row) => row.caseNumber);
}

/** A status as a case tells it; the queue reads only what the line says, and keeps the rest sealed. */
const statusOf = (caseNumber: string, state: string, extra: Partial<CaseStatus> = {}) =>
  ({ caseNumber, state, jurisdiction: 'NL', defaultNotice: null, evidenceRequest: null, ...extra }) as unknown as CaseStatus;

describe.each(['sqlite', 'postgres'] as const)('on %s', (dialect) => {
  test('every filter and page lists the lines the filter keeps, in the queue order: overdue first, soonest deadline, none last', async () => {
    const { db } = await open(dialect);
    const mineArb = fc.option(fc.constantFrom('cw-0001', 'cw-0002'), { nil: undefined });
    await fc.assert(
      fc.asyncProperty(fc.array(lineArb, { maxLength: 30 }), filterArb, mineArb, fc.integer({ min: 1, max: 7 }), async (lines, filter, mine, pageSize) => {
        await db.deleteFrom('caseQueue').execute();
        const rows: (CaseRow & { caseworker: string | null })[] = [];
        for (const [i, line] of lines.entries()) {
          const caseNumber = `${line.jurisdiction}-20261201-${String(i).padStart(4, '0')}`;
          const startedAt = '2026-12-01T09:00:00.000Z';
          await recordQueueEntry(db, caseNumber, startedAt, { ...line, seq: 1, status: statusOf(caseNumber, line.state) });
          rows.push({ caseNumber, ...line, execution: line.running ? 'RUNNING' : 'COMPLETED', startedAt });
        }
        const want = expected(rows, filter, mine);
        const listed: string[] = [];
        for (let page = 1; ; page++) {
          const { total, cases } = await queuePage(db, filter, page, pageSize, { caseworker: mine });
          expect(total).toBe(want.length);
          listed.push(...cases.map((row) => row.caseNumber));
          if (cases.length < pageSize) break;
        }
        expect(listed).toEqual(want);
        expect(await runningInQueue(db, filter, 5)).toEqual(expected(rows, { ...filter, running: true }).slice(0, 5));
      }),
      { numRuns: 40 },
    );
  });

  test("a line moves only forward: a late or repeated change never overwrites the case's newer one", async () => {
    const { db } = await open(dialect);
    const line = (state: string, seq: number, running = true) => ({
      state,
      jurisdiction: 'NL',
      nextDeadline: null,
      overdue: false,
      running,
      caseworker: null,
      seq,
      status: statusOf('NL-1', state),
    });
    const startedAt = '2026-12-01T09:00:00.000Z';
    await recordQueueEntry(db, 'NL-1', startedAt, line('completenessCheck', 1));
    await recordQueueEntry(db, 'NL-1', startedAt, line('granted', 3, false));
    await recordQueueEntry(db, 'NL-1', startedAt, line('awaitingEvidence', 2));
    await recordQueueEntry(db, 'NL-1', startedAt, line('awaitingEvidence', 3));
    const { cases } = await queuePage(db, { states: [], overdue: false, running: false }, 1, 10);
    expect(cases).toEqual([
      { caseNumber: 'NL-1', state: 'granted', jurisdiction: 'NL', nextDeadline: null, overdue: false, execution: 'COMPLETED', startedAt },
    ]);
  });

  test('the status a line keeps is sealed with the payload codec; it is given back only while the case runs and owes no penalty', async () => {
    const { db } = await open(dialect);
    const converter = loadDataConverter(testDataConverter());
    const startedAt = '2026-12-01T09:00:00.000Z';
    const told = statusOf('NL-2', 'awaitingEvidence', { evidenceRequest: { missing: ['valid passport of Amira Haddad'] } as never });
    const entry = { state: 'awaitingEvidence', jurisdiction: 'NL', nextDeadline: null, overdue: false, running: true, caseworker: null, seq: 1, status: told };
    await recordQueueEntry(db, 'NL-2', startedAt, entry, converter);
    const row = await db.selectFrom('caseQueue').select('status').where('caseNumber', '=', 'NL-2').executeTakeFirstOrThrow();
    expect(Buffer.from(row.status!, 'base64').toString('latin1')).not.toMatch(/Amira|passport|awaitingEvidence/);
    expect(await keptStatus(db, converter, 'NL-2')).toEqual(told);
    // Other keys cannot open it; a converter without codecs keeps nothing at all.
    const otherKeys = loadDataConverter(dataConverterFor(loadConfig({ DOSSIER_ENCRYPTION_KEYS: newKeyEntry('other'), DOSSIER_ENCRYPTION_KEY_ID: 'other' })));
    await expect(keptStatus(db, otherKeys, 'NL-2')).rejects.toThrow(/key/);
    await recordQueueEntry(db, 'NL-3', startedAt, { ...entry, status: statusOf('NL-3', 'awaitingEvidence') });
    expect(await keptStatus(db, converter, 'NL-3')).toBeUndefined();
    // A penalty grows by the day, and a closed case is Temporal's to answer: neither is given from the line.
    await recordQueueEntry(
      db,
      'NL-2',
      startedAt,
      { ...entry, seq: 2, status: statusOf('NL-2', 'awaitingEvidence', { defaultNotice: {} as never }) },
      converter,
    );
    expect(await keptStatus(db, converter, 'NL-2')).toBeUndefined();
    await recordQueueEntry(db, 'NL-4', startedAt, { ...entry, running: false, status: statusOf('NL-4', 'granted') }, converter);
    expect(await keptStatus(db, converter, 'NL-4')).toBeUndefined();
  });
});

test("the worker's sink holds the task until the line is written: a database that refuses at first is tried again", async () => {
  // A database file whose schema is not there yet: writes fail ("no such table") until it is migrated.
  const folder = tempFolder();
  let attempts = 0;
  const counting = {
    transformQuery: (args: { node: RootOperationNode }) => {
      attempts++;
      return args.node;
    },
    transformResult: async (args: { result: QueryResult<UnknownRow> }) => args.result,
  };
  const early = new Kysely<Tables>({
    dialect: new SqliteDialect({ database: new SqliteDatabase(join(folder, 'dossier.sqlite')) }),
    plugins: [new CamelCasePlugin(), counting],
  });
  const info = { workflowId: 'NL-9', startTime: new Date('2026-12-01T09:00:00.000Z') } as WorkflowInfo;
  const entry = {
    state: 'awaitingEvidence',
    jurisdiction: 'NL',
    nextDeadline: null,
    overdue: false,
    running: true,
    caseworker: null,
    seq: 1,
    status: statusOf('NL-9', 'awaitingEvidence'),
  };
  // Without patience the refusal reaches the SDK (which logs it); with it, the sink tries again until the schema is there.
  // (Its message, not toThrow: better-sqlite3's errors come from the realm of the first test file that loaded the addon.)
  const refusal = await Promise.resolve(caseQueueSinks(early, undefined, 0).caseQueue.changed.fn(info, entry)).then(
    () => 'written',
    (err: unknown) => String((err as Error).message),
  );
  expect(refusal).toMatch(/no such table/);
  const told = Promise.resolve(caseQueueSinks(early, undefined, 10_000).caseQueue.changed.fn(info, entry));
  await waitFor(() => attempts >= 3, 'a second refused attempt');
  const migrated = await databases.open({ DOSSIER_DATA_DIR: folder });
  await told;
  expect((await queuePage(migrated.db, { states: [], overdue: false, running: true }, 1, 10)).cases.map((row) => row.caseNumber)).toEqual(['NL-9']);
  await early.destroy();
});
