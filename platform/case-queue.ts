/**
 * The work queue in the database: one row per case, written by the worker each time the case tells
 * a change (the `caseQueue` sink of workflows/application.ts), so that the queue pages in SQL in the
 * queue's order. Temporal's visibility cannot sort by deadline (its SQL stores have no ORDER BY on
 * custom attributes), and sorting every open case on each page cost seconds at 10,000 cases.
 *
 * Each line also keeps the case's whole status as the case last told it, encrypted with the payload
 * codec, so that reading a case's status costs one row instead of a query through Temporal to the
 * worker (`readCaseStatus`).
 *
 * The rows are a copy: what Temporal holds wins. `reindexQueue` rebuilds them from visibility, for
 * cases opened before the queue existed and cases that ended without telling (terminated by an operator).
 */
import { setTimeout } from 'node:timers/promises';
import type { Client } from '@temporalio/client';
import type { DataConverter, LoadedDataConverter } from '@temporalio/common';
import { loadDataConverter } from '@temporalio/common/lib/internal-non-workflow';
import type { InjectedSinks } from '@temporalio/worker';
import { sql } from 'kysely';
import { statusQuery, type CaseQueueEntry, type CaseQueueSinks, type CaseStatus } from '../workflows/definitions';
import { missingCase } from './cases';
import { type CaseFilter, type CaseRow, rowOf, visibilityQuery } from './case-list';
import type { Db } from './database';
import { keptStatus, sealStatus, seals } from './kept-status';

/**
 * Writes what a case tells; a change with a lower count than the row's (a late or repeated write)
 * changes nothing. The status is kept only encrypted: with a converter without codecs, it is not kept.
 */
export async function recordQueueEntry(
  db: Db,
  caseNumber: string,
  startedAt: string,
  entry: CaseQueueEntry,
  converter: LoadedDataConverter = loadDataConverter(),
): Promise<void> {
  const row = {
    caseNumber,
    state: entry.state,
    jurisdiction: entry.jurisdiction,
    nextDeadline: entry.nextDeadline,
    overdue: entry.overdue ? 1 : 0,
    execution: entry.running ? 'RUNNING' : 'COMPLETED',
    startedAt,
    caseworker: entry.caseworker,
    seq: entry.seq,
    status: seals(converter) ? await sealStatus(converter, entry.status) : null,
  };
  await db
    .insertInto('caseQueue')
    .values(row)
    .onConflict((conflict) =>
      conflict
        .column('caseNumber')
        .doUpdateSet(({ ref }) => ({
          state: ref('excluded.state'),
          jurisdiction: ref('excluded.jurisdiction'),
          nextDeadline: ref('excluded.nextDeadline'),
          overdue: ref('excluded.overdue'),
          execution: ref('excluded.execution'),
          caseworker: ref('excluded.caseworker'),
          seq: ref('excluded.seq'),
          status: ref('excluded.status'),
        }))
        .where('caseQueue.seq', '<', ({ ref }) => ref('excluded.seq')),
    )
    .execute();
}

/**
 * The worker's sink, with the worker's data converter (whose codecs seal the status). Without a
 * database (tests that never read the queue) it drops what it hears, so the workflow's calls never
 * meet an unregistered sink.
 *
 * The worker awaits it before the workflow task completes. A failed write (a locked or unreachable
 * database) is tried again for up to `patienceMs`, holding the task: a line must not fall behind its
 * case while the case goes on. Past that the SDK logs the error, and the line waits for the case's
 * next change.
 */
export function caseQueueSinks(db?: Db, dataConverter?: DataConverter, patienceMs = 5_000): InjectedSinks<CaseQueueSinks> {
  const converter = loadDataConverter(dataConverter);
  return {
    caseQueue: {
      changed: {
        fn: async (info, entry) => {
          if (!db) return;
          const giveUpAt = Date.now() + patienceMs;
          for (let pause = 50; ; pause = Math.min(pause * 2, 1_000)) {
            try {
              return await recordQueueEntry(db, info.workflowId, info.startTime.toISOString(), entry, converter);
            } catch (err) {
              if (Date.now() + pause > giveUpAt) throw err;
              await setTimeout(pause);
            }
          }
        },
      },
    },
  };
}

/**
 * A case's status: the one its line keeps, else the case's answer to the status query. The kept one
 * is what the case told when it last changed, written before that change's workflow task completed,
 * so it is what a query would answer, except where the status depends on the clock alone: the
 * penalty owed after a notice of default grows by the day, so such a case is always asked.
 */
export async function readCaseStatus(client: Client, db: Db, caseNumber: string): Promise<CaseStatus> {
  const kept = await keptStatus(db, client.options.loadedDataConverter, caseNumber);
  return kept ?? client.workflow.getHandle(caseNumber).query(statusQuery).catch(missingCase(caseNumber));
}

/** One page of the matching cases in the queue's order, and how many matched in all; `caseworker`: only the cases they last acted on. */
export async function queuePage(
  db: Db,
  filter: CaseFilter,
  page: number,
  pageSize: number,
  { caseworker }: { caseworker?: string } = {},
): Promise<{ total: number; cases: CaseRow[] }> {
  let query = db.selectFrom('caseQueue');
  if (caseworker) query = query.where('caseworker', '=', caseworker);
  if (filter.states.length > 0) query = query.where('state', 'in', filter.states);
  if (filter.jurisdiction) query = query.where('jurisdiction', '=', filter.jurisdiction);
  if (filter.deadlineBefore) query = query.where('nextDeadline', '<', filter.deadlineBefore);
  if (filter.overdue) query = query.where('overdue', '=', 1);
  if (filter.running) query = query.where('execution', '=', 'RUNNING');
  const [count, rows] = await Promise.all([
    query.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow(),
    query
      .selectAll()
      // The order of platform/case-list.ts `queueOrder`: overdue first, then the soonest deadline (ISO instants sort as text), none last.
      .orderBy('overdue', 'desc')
      .orderBy(sql`next_deadline is null`)
      .orderBy('nextDeadline')
      .orderBy('caseNumber')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
  ]);
  return {
    total: Number(count.n),
    cases: rows.map((row) => ({
      caseNumber: row.caseNumber,
      state: row.state,
      jurisdiction: row.jurisdiction,
      nextDeadline: row.nextDeadline,
      overdue: row.overdue === 1,
      execution: row.execution,
      startedAt: row.startedAt,
    })),
  };
}

/** True when no case has a line yet: a new database, or cases opened before the queue existed. */
export async function queueIsEmpty(db: Db): Promise<boolean> {
  return (await db.selectFrom('caseQueue').select('caseNumber').limit(1).executeTakeFirst()) === undefined;
}

/** The running cases that match, at most `limit`, in the queue's order: what a bulk action from the queue acts on. */
export async function runningInQueue(db: Db, filter: CaseFilter, limit: number): Promise<string[]> {
  const { cases } = await queuePage(db, { ...filter, running: true }, 1, limit);
  return cases.map((row) => row.caseNumber);
}

/**
 * Brings the queue in line with Temporal's visibility: adds the cases it lacks and closes the rows of
 * cases that ended. A row the case told is newer than visibility's copy and is kept otherwise.
 */
export async function reindexQueue(
  client: Client,
  db: Db,
  { progress = () => {}, signal }: { progress?: (seen: number) => void; signal?: AbortSignal } = {},
): Promise<{ seen: number; added: number; closed: number }> {
  let seen = 0;
  let added = 0;
  let closed = 0;
  for await (const info of client.workflow.list({ query: visibilityQuery({ states: [], overdue: false, running: false }) })) {
    if (signal?.aborted) break;
    const row = rowOf(info);
    if (++seen % 1000 === 0) progress(seen);
    if (row.execution !== 'RUNNING') {
      const result = await db
        .updateTable('caseQueue')
        .set({ execution: row.execution })
        .where('caseNumber', '=', row.caseNumber)
        .where('execution', '=', 'RUNNING')
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) > 0) closed++;
    }
    // A case that ended before it first published its state (a malformed application) has no line to add.
    if (row.state === null || row.jurisdiction === null) continue;
    const inserted = await db
      .insertInto('caseQueue')
      .values({
        caseNumber: row.caseNumber,
        state: row.state,
        jurisdiction: row.jurisdiction,
        nextDeadline: row.nextDeadline,
        overdue: row.overdue ? 1 : 0,
        execution: row.execution,
        startedAt: row.startedAt,
        caseworker: null,
        seq: 0,
      })
      .onConflict((conflict) => conflict.column('caseNumber').doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) added++;
  }
  return { seen, added, closed };
}
