/**
 * The operator's commands: find cases (`cases list`), read one (`case show`), read its history
 * (`case history`), act on one (`case act`) or many (`cases act`), fill the work queue from
 * visibility (`cases reindex`).
 *
 * People get aligned plain-text tables; `--json` prints JSON for scripts.
 */
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { officeTimeZone, type Jurisdiction } from '../../domain/calendar';
import { CASE_ACTION_TYPES } from '../../domain/case-actions';
import type { CaseStatus } from '../../workflows/definitions';
import { listCases, type CaseRow } from '../../platform/case-list';
import { reindexQueue } from '../../platform/case-queue';
import { openDatabase } from '../../platform/database';
import { bulkAct, bulkActionFor, caseHistory, caseStatus, isNarrowFilter, missingCase, type BulkSummary } from '../../platform/cases';
import { type CaseDocument, caseDocuments } from '../../platform/history/case-documents';
import { localTime } from '../../platform/local-time';
import { FILTER_OPTIONS, LIMIT_OPTION, parseFilter, parseLimit } from '../case-filter';
import { withClient } from '../client';
import { command, UsageError } from '../command';
import { indent, JSON_OPTION, orDash, Printed, table, TIME_ZONE_OF_LISTS, timelineText } from '../output';
import { actorFrom } from '../actor';
import { CASE_ID, parseCaseNumber } from '../case-id';
import { actCommand, AS_OPTION, parseAction } from './cases';

// ---- cases list ----

function casesTable(rows: CaseRow[]): string {
  if (rows.length === 0) return 'no cases match\n';
  return (
    table(
      ['CASE', 'STATE', 'JUR', `NEXT DEADLINE (${TIME_ZONE_OF_LISTS})`, 'OVERDUE', 'EXECUTION', 'RECEIVED'],
      rows.map((r) => [
        r.caseNumber,
        orDash(r.state),
        orDash(r.jurisdiction),
        r.nextDeadline ? localTime(r.nextDeadline, TIME_ZONE_OF_LISTS) : '-',
        r.overdue ? 'yes' : 'no',
        r.execution.toLowerCase(),
        localTime(r.startedAt, TIME_ZONE_OF_LISTS),
      ]),
    ) + `${rows.length} case${rows.length === 1 ? '' : 's'}\n`
  );
}

const listCommand = command({
  name: 'cases list',
  summary: 'Find cases through Temporal visibility: state, jurisdiction, next deadline, overdue.',
  options: { ...FILTER_OPTIONS, limit: LIMIT_OPTION, json: JSON_OPTION },
  async run({ options }) {
    const filter = parseFilter(options);
    const limit = parseLimit(options.limit);
    const rows = await withClient(({ client }) => listCases(client, filter, limit));
    return options.json ? Printed.json(rows) : new Printed(casesTable(rows));
  },
});

// ---- acting on many cases ----

/** The action for one case: the template with its own cure deadline moved (`--by-days`), parsed as the CLI parses any action. */
const actionFor = (
  status: Pick<CaseStatus, 'state' | 'deadlines'>,
  type: string,
  json: string | undefined,
  byDays: number | null,
  extra: Record<string, unknown>,
) => parseAction(type, json, bulkActionFor(status, extra, byDays));

function bulkTable(s: BulkSummary): string {
  const outcomes = s.cases;
  const rows = outcomes.map((o) => [
    o.caseNumber,
    orDash(o.state),
    o.result,
    o.action ? JSON.stringify(Object.fromEntries(Object.entries(o.action).filter(([k]) => k !== 'type'))) : '-',
    o.reason ?? '',
  ]);
  const totals =
    'wouldAct' in s
      ? `dry run: ${s.matched} matched, ${s.wouldAct} would be acted on, ${s.wouldReject} would be rejected; nothing was sent`
      : `${s.matched} matched, ${s.accepted} accepted, ${s.rejected} rejected`;
  return (outcomes.length ? table(['CASE', 'STATE', 'RESULT', 'PAYLOAD', 'REASON'], rows) : 'no cases match\n') + totals + '\n';
}

const bulkActCommand = command({
  name: 'cases act',
  summary: 'Take one action on every matching running case (at least one filter is needed); exits 1 when any case refuses it.',
  positionals: [
    { name: 'ACTION', description: `one of ${CASE_ACTION_TYPES.join(', ')}` },
    { name: 'JSON', optional: true, description: "the action's fields as a JSON object, the same for every case" },
  ],
  options: {
    ...FILTER_OPTIONS,
    limit: LIMIT_OPTION,
    'by-days': { type: 'string', value: 'N', description: "extend-cure-period only: move each case's own cure deadline by N days (1 to 999)" },
    reason: { type: 'string', value: 'TEXT', description: 'the reason recorded with each action' },
    as: AS_OPTION,
    'dry-run': { type: 'boolean', description: 'list the matching cases and what would happen; send nothing' },
    json: JSON_OPTION,
  },
  async run({ args: { ACTION: type, JSON: json }, options }) {
    if (!(CASE_ACTION_TYPES as string[]).includes(type)) throw new UsageError(`ACTION: unknown action "${type}"; one of ${CASE_ACTION_TYPES.join(', ')}`);
    let byDays: number | null = null;
    if (options['by-days'] !== undefined) {
      if (type !== 'extend-cure-period') throw new UsageError("--by-days: only for extend-cure-period (moves each case's cure deadline)");
      if (!/^[1-9]\d{0,2}$/.test(options['by-days'])) throw new UsageError(`--by-days: "${options['by-days']}" is not a whole number of days from 1 to 999`);
      byDays = Number(options['by-days']);
    }
    const filter = parseFilter(options);
    if (!isNarrowFilter(filter)) {
      // Acting on every case at once is never what an operator means by accident.
      throw new UsageError('FILTER: name at least one of --state, --jurisdiction, --deadline-before, --overdue');
    }
    // Check the payload once before touching any case: a mistake in it should not become N rejections.
    const extra = { actor: actorFrom(options.as), ...(options.reason !== undefined ? { reason: options.reason } : {}) };
    actionFor({ state: '', deadlines: { cure: { due: '2000-01-01' } } } as CaseStatus, type, json, byDays, extra);
    const summary = await withClient(async ({ client }) => {
      const matching = await listCases(client, { ...filter, running: true }, parseLimit(options.limit));
      return bulkAct(
        client,
        matching.map((row) => row.caseNumber),
        (status) => actionFor(status, type, json, byDays, extra),
        options['dry-run'],
      );
    });
    const exitCode = !summary.dryRun && summary.rejected > 0 ? 1 : 0;
    return options.json ? Printed.json(summary, exitCode) : new Printed(bulkTable(summary), exitCode);
  },
});

// ---- case show ----

function showCase(s: CaseStatus, files: readonly CaseDocument[] = []): string {
  const zone = officeTimeZone(s.jurisdiction as Jurisdiction);
  const at = (iso: string | null | undefined) => (iso ? localTime(iso, zone) : '-');
  const out: string[] = [];
  const field = (name: string, value: string) => out.push(`${(name + ':').padEnd(17)}${value}`);
  field('case', `${s.caseNumber} (${s.jurisdiction})`);
  field('state', s.state);
  field('received', `${at(s.receivedAt)} ${zone}`);
  field('allowed actions', s.allowedActions.join(', ') || 'none');
  const attention = [
    s.overdueSince ? `decision overdue since ${at(s.overdueSince)}` : '',
    ...s.deliveryProblems.map((p) => `notice ${p.noticeKey} undeliverable: ${p.reason}`),
  ].filter(Boolean);
  field('attention', attention.join('; ') || 'none');

  out.push('', 'Deadlines');
  const d = s.deadlines;
  const deadlineRows: string[][] = [];
  if (d.decision)
    deadlineRows.push(['decision', d.decision.due ?? `suspended since ${d.decision.suspendedSince}`, at(d.decision.dueAt), d.decision.citations.join('; ')]);
  if (d.cure) deadlineRows.push(['cure', d.cure.due, at(d.cure.dueAt), d.cure.citations.join('; ')]);
  if (d.objection) deadlineRows.push(['objection', d.objection.due, at(d.objection.dueAt), d.objection.citations.join('; ')]);
  if (d.notProcessedBy) deadlineRows.push(['not-processed by', d.notProcessedBy, '-', 'Awb 4:5(4)']);
  out.push(deadlineRows.length ? indent(table(['KIND', 'DUE', `ENDS (${zone})`, 'LEGAL BASIS'], deadlineRows)) : '  none running');

  out.push('', 'Decision clock ledger');
  out.push(
    s.decisionClock.length
      ? indent(
          table(
            ['ENTRY', 'START', 'END', 'LEGAL BASIS', 'REASON'],
            s.decisionClock.map((e) => [
              e.kind,
              e.start,
              e.kind === 'extension' ? `+${e.months} months` : e.kind === 'suspension' ? (e.end ?? 'open') : e.end,
              e.legalBasis,
              e.kind === 'period' ? '' : e.reason,
            ]),
          ),
        )
      : '  none (the law sets no decision period)',
  );
  for (const x of s.evidenceRequest?.extensions ?? []) out.push(`  cure period extended on ${at(x.at)}: ${x.previousDue} → ${x.due} (${x.reason})`);

  out.push('', 'Assessment');
  if (s.assessment) {
    out.push(`  ${s.assessment.outcome} on ${s.assessment.onDate} (${s.assessment.pack}): ${s.assessment.summary}`);
    const a = s.assessment;
    const facts = (detail?: string) => (detail ? `: ${detail}` : '');
    for (const rule of a.basis) out.push(`  - ${rule.citation}: ${rule.title}`);
    for (const g of a.refusalGrounds ?? []) out.push(`  refusal ground (${g.paragraph}): ${g.description}${facts(g.detail)}`);
    for (const c of (a.failingConditions ?? []).filter((c) => c.kind === 'requirement'))
      out.push(`  not met (${c.paragraph}): ${c.description}${facts(c.detail)}`);
    for (const f of a.factors ?? []) out.push(`  factor ${f.present ? 'present' : 'absent '} (${f.paragraph}): ${f.description}${facts(f.facts)}`);
    for (const w of a.waived ?? []) out.push(`  waived (${w.paragraph}): ${w.description}${w.reliedOn ? ` [relied on${facts(w.detail)}]` : ''}`);
    for (const n of a.notes ?? []) out.push(`  note (${n.paragraph}): ${n.description}${facts(n.detail)}`);
  } else out.push('  not yet assessed (the case is assessed when it is ready for decision)');

  out.push('', 'Decision');
  const decision = s.decision;
  if (decision) {
    out.push(`  ${decision.outcome} on ${at(decision.decidedAt)}`);
    for (const ground of decision.grounds) out.push(`  - ${ground}`);
    if (decision.outcome === 'granted')
      out.push(`  permit: ${decision.permit.restriction}, ${decision.permit.validFrom} to ${decision.permit.validUntil}; ${decision.permit.labourMarketNote}`);
    if (s.objection)
      out.push(
        `  objection: ${s.objection.lodgedOn ? `lodged ${s.objection.lodgedOn}` : `open until ${s.objection.deadline.due}`}` +
          `${s.objection.outcome ? `; ${s.objection.outcome.outcome}` : ''}`,
      );
  } else out.push(s.withdrawnAt ? `  none: withdrawn on ${at(s.withdrawnAt)}` : '  none yet');

  // The files uploaded to the case, as the case records them (the content is in the document store, by its hash).
  if (files.length) {
    out.push('', 'Documents');
    for (const f of files) out.push(`  ${at(f.at)}  ${f.name} (${f.type}, ${f.size} bytes) by ${f.by}, ${f.action}; sha256 ${f.hash}`);
  }
  return out.join('\n') + '\n';
}

const showCommand = command({
  name: 'case show',
  summary: 'One case: its state, allowed actions, deadline ledger, assessment and decision.',
  positionals: [CASE_ID],
  options: { json: { type: 'boolean', description: "the case's status as JSON" } },
  async run({ args, options }) {
    const caseNumber = parseCaseNumber(args['CASE-ID']);
    if (options.json) return Printed.json(await withClient(({ client }) => caseStatus(client, caseNumber)));
    return withClient(async ({ client }) => {
      const status = await caseStatus(client, caseNumber);
      return new Printed(showCase(status, caseDocuments((await caseHistory(client, caseNumber)).events)));
    });
  },
});

// ---- case history ----

const historyCommand = command({
  name: 'case history',
  summary: "The case's history as a timeline: who did what, when, on which legal basis.",
  positionals: [CASE_ID],
  options: {
    json: { type: 'boolean', description: 'JSON: the timeline and the decoded events' },
    raw: { type: 'boolean', description: "Temporal's history as stored, payloads encoded, as replay tests take it (not with --json)" },
  },
  async run({ args, options }) {
    const caseNumber = parseCaseNumber(args['CASE-ID']);
    if (options.json && options.raw) throw new UsageError('--raw: give either --json or --raw');
    return withClient(async ({ client }) => {
      if (options.raw) {
        // The raw history, payloads as stored (encoded): what `temporal workflow show --output json` gives, and what replay tests take.
        const history = await client.workflow.getHandle(caseNumber).fetchHistory().catch(missingCase(caseNumber));
        return new Printed(historyToJSON(history) + '\n');
      }
      const { entries, events } = await caseHistory(client, caseNumber);
      if (options.json) return Printed.json({ caseNumber, entries, events });
      const started = events.find((e) => e.kind === 'started');
      const jurisdiction =
        (started?.kind === 'started'
          ? (started.input[0] as { application?: { facts?: { jurisdiction?: Jurisdiction } } })?.application?.facts?.jurisdiction
          : undefined) ?? 'NL';
      return new Printed(timelineText(entries, officeTimeZone(jurisdiction)));
    });
  },
});

// ---- the work queue ----

const reindexCommand = command({
  name: 'cases reindex',
  summary: "Bring the web app's work queue in line with Temporal visibility: add missing cases, close ended ones.",
  options: { json: JSON_OPTION },
  async run({ options }) {
    const outcome = await withClient(async ({ client, config }) => {
      const database = await openDatabase(config);
      try {
        return await reindexQueue(client, database.db, { progress: (seen) => process.stderr.write(`${seen} cases seen\n`) });
      } finally {
        await database.close();
      }
    });
    if (options.json) return Printed.json(outcome);
    return new Printed(`${outcome.seen} cases seen in visibility: ${outcome.added} added to the work queue, ${outcome.closed} closed in it\n`);
  },
});

export const operatorCommands = [
  listCommand,
  bulkActCommand,
  reindexCommand,
  showCommand,
  historyCommand,
  actCommand('case act', 'Take an action on a case (as dossier act).'),
];
