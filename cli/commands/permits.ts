/**
 * The operator's commands on permits: find them (`permits list`), read one (`permit show`), read
 * its history (`permit history`), act on one (`permit act`). Everything goes through
 * platform/permits.ts. People get plain-text tables; `--json` prints JSON for scripts.
 */
import { officeTimeZone, type Jurisdiction } from '../../domain/calendar';
import { knownJurisdictions } from '../../domain/jurisdictions';
import { PERMIT_ACTION_TYPES } from '../../domain/permit';
import { localTime } from '../../platform/local-time';
import {
  actOnPermit,
  listPermits,
  parsePermitAction,
  parsePermitFilter,
  PERMIT_STATES,
  permitHistory,
  permitStatus,
  permitWorkflowIdOf,
  type PermitRow,
} from '../../platform/permits';
import type { PermitStatus } from '../../workflows/permit-definitions';
import { actorFrom } from '../actor';
import { parseLimit } from '../case-filter';
import { withClient } from '../client';
import { command, UsageError } from '../command';
import { indent, JSON_OPTION, orDash, Printed, table, TIME_ZONE_OF_LISTS, timelineText } from '../output';
import { AS_OPTION } from './cases';

/** PERMIT, the first argument of every command on one permit. */
const PERMIT = { name: 'PERMIT', description: "a permit's workflow id (CASE-ID.permit) or the number of the case that granted it" } as const;

/** The permit as given, once it could name one (the messages that follow name it as the operator wrote it). */
function parsePermit(value: string): string {
  if (!permitWorkflowIdOf(value)) {
    throw new UsageError(`PERMIT: "${value}" is neither a case number (e.g. NL-20261123-1A2B3C4D) nor a permit's workflow id (CASE-ID.permit)`);
  }
  return value;
}

// ---- permits list ----

function permitsTable(rows: PermitRow[]): string {
  if (rows.length === 0) return 'no permits match\n';
  return (
    table(
      ['PERMIT', 'CASE', 'STATE', 'JUR', 'VALID UNTIL', 'RENEW BY', 'EXECUTION', `STARTED (${TIME_ZONE_OF_LISTS})`, 'PROBLEM'],
      rows.map((r) => [
        orDash(r.permitNumber),
        r.caseNumber,
        orDash(r.state),
        orDash(r.jurisdiction),
        orDash(r.validUntil),
        orDash(r.renewBy),
        r.execution.toLowerCase(),
        localTime(r.startedAt, TIME_ZONE_OF_LISTS),
        r.problem ?? '',
      ]),
    ) + `${rows.length} permit${rows.length === 1 ? '' : 's'}\n`
  );
}

const listCommand = command({
  name: 'permits list',
  summary: 'Find permits: state, jurisdiction, validity and renew-by date, soonest renew-by first.',
  options: {
    state: { type: 'string', multiple: true, value: 'STATE[,STATE…]', description: `permits in one of these states: ${PERMIT_STATES.join(', ')}` },
    jurisdiction: { type: 'string', value: knownJurisdictions().join('|'), description: 'permits of this jurisdiction (any letter case)' },
    running: { type: 'boolean', description: 'permits whose workflow still runs (not expired, withdrawn or terminated)' },
    limit: { type: 'string', value: 'N', default: '1000', description: 'at most N permits, soonest renew-by first' },
    json: JSON_OPTION,
  },
  async run({ options }) {
    const filter = parsePermitFilter(options);
    // One line, like every usage error: the first bad value, naming its option.
    if (!filter.ok) throw new UsageError(`--${filter.issues[0]}`);
    const limit = parseLimit(options.limit);
    const rows = await withClient(({ client }) => listPermits(client, filter.value, limit));
    return options.json ? Printed.json(rows) : new Printed(permitsTable(rows));
  },
});

// ---- permit show ----

type Renewal = PermitStatus['renewals'][number];
function latenessOf(r: Renewal): string {
  if (r.lateness) return `${r.lateness.excusable ? 'excusable' : 'not excusable'}: ${r.lateness.grounds.join('; ')}`;
  return r.lateReason ? `reason given: ${r.lateReason}` : '-';
}

/** What waits for a caseworker, and notices that did not arrive. */
function attentionOf(s: PermitStatus): string[] {
  const renewal = s.renewals.at(-1);
  const withdrawal = s.withdrawals.at(-1);
  return [
    renewal && !renewal.result && renewal.timing.kind === 'late-gap' && !renewal.lateness ? `the lateness of renewal ${renewal.n} to assess` : '',
    s.conversion?.status === 'review' ? 'a contra-indication stopped the conversion: decide' : '',
    withdrawal?.lodgedOn && !withdrawal.outcome ? `an objection to the withdrawal (lodged ${withdrawal.lodgedOn}) to decide` : '',
    ...s.deliveryProblems.map((d) => `notice ${d.noticeKey} undeliverable: ${d.reason}`),
  ].filter(Boolean);
}

function showPermit(s: PermitStatus): string {
  const zone = officeTimeZone(s.jurisdiction as Jurisdiction);
  const at = (iso: string | null | undefined) => (iso ? localTime(iso, zone) : '-');
  const p = s.permit;
  const out: string[] = [];
  const field = (name: string, value: string) => out.push(`${(name + ':').padEnd(17)}${value}`);
  const section = (title: string, headers: string[], rows: string[][], none: string) =>
    out.push('', title, rows.length ? indent(table(headers, rows)) : `  ${none}`);

  field('permit', `${s.permitNumber} (${s.jurisdiction}), granted in case ${s.caseNumber} on ${p.grantedOn}`);
  field('state', s.state);
  field('allowed actions', s.allowedActions.join(', ') || 'none');
  field('valid', `${p.validFrom} to ${p.validUntil} (ends ${at(s.expiresAt)} ${zone})`);
  field('renew by', s.renewBy ? `${s.renewBy.due} (${s.renewBy.citations.join('; ')})` : 'not renewable');
  field('restriction', p.restriction);
  field('labour market', p.labourMarketNote);
  field('limitations', p.s38Limitations.join(', ') || 'none');
  field('attention', attentionOf(s).join('; ') || 'none');

  section(
    'Renewals',
    ['N', 'CASE', 'FILED ON', 'TIMING', 'LATENESS', 'RESULT'],
    s.renewals.map((r) => [
      String(r.n),
      r.caseNumber,
      r.filedOn,
      `${r.timing.kind} (${r.timing.citation})`,
      latenessOf(r),
      r.result ? `${r.result.outcome} on ${at(r.result.decidedAt)}` : 'pending',
    ]),
    'none',
  );
  section(
    'Earlier periods',
    ['FROM', 'TO', 'RESTRICTION', 'ENDED BY'],
    s.history.map((h) => [h.validFrom, h.validUntil, h.restriction, h.endedBy]),
    'none',
  );

  out.push('', 'Conversion');
  const c = s.conversion;
  if (c) {
    out.push(`  due on ${c.dueOn}: ${c.status}`);
    for (const f of c.findings) out.push(`  contra-indication (${f.ground}, recorded ${f.recordedOn}): ${f.detail}`);
    if (c.review) out.push(`  review ${c.review.key} opened ${at(c.review.openedAt)}`);
    if (c.resolution) out.push(`  resolved: ${c.resolution.decision} on ${at(c.resolution.at)} (${c.resolution.grounds.join('; ')})`);
  } else out.push('  none (the law attaches no conversion to this permit)');
  if (s.independence) out.push('', 'Independent permit', `  eligible on ${s.independence.eligibleOn}; holder told ${at(s.independence.notifiedAt)}`);

  section(
    'Withdrawals',
    ['WITHDRAWN ON', 'OBJECTION UNTIL', 'LODGED ON', 'OUTCOME', 'GROUNDS'],
    s.withdrawals.map((w) => [w.withdrawnOn, w.objection.due, orDash(w.lodgedOn), w.outcome?.outcome ?? 'pending', w.grounds.join('; ')]),
    'none',
  );
  section(
    'Timers',
    ['TIMER', `AT (${zone})`, 'EVENT'],
    Object.entries(s.timers)
      .sort(([, a], [, b]) => a.at.localeCompare(b.at))
      .map(([id, t]) => [id, at(t.at), t.event]),
    'none armed',
  );
  return out.join('\n') + '\n';
}

const showCommand = command({
  name: 'permit show',
  summary: 'One permit: its state, allowed actions, validity and renew-by date, restrictions, renewals, conversion, withdrawals and timers.',
  positionals: [PERMIT],
  options: { json: { type: 'boolean', description: "the permit's status as JSON" } },
  async run({ args, options }) {
    const id = parsePermit(args.PERMIT);
    const status = await withClient(({ client }) => permitStatus(client, id));
    return options.json ? Printed.json(status) : new Printed(showPermit(status));
  },
});

// ---- permit history ----

const historyCommand = command({
  name: 'permit history',
  summary: "The permit's history across its renewals as a timeline: who did what, when, on which legal basis.",
  positionals: [PERMIT],
  options: { json: { type: 'boolean', description: 'JSON: the timeline and the decoded events of each run' } },
  async run({ args, options }) {
    const id = parsePermit(args.PERMIT);
    const history = await withClient(({ client }) => permitHistory(client, id));
    if (options.json) return Printed.json(history);
    const zone = history.jurisdiction ? officeTimeZone(history.jurisdiction as Jurisdiction) : 'UTC';
    const note = history.complete ? '' : 'earlier runs are past the retention period: the history starts later\n';
    return new Printed(note + timelineText(history.entries, zone));
  },
});

// ---- permit act ----

const actCommand = command({
  name: 'permit act',
  summary: 'Take an action on a permit: file a renewal, assess lateness, resolve a contra-indication, withdraw, an objection.',
  positionals: [
    PERMIT,
    { name: 'ACTION', description: `one of ${PERMIT_ACTION_TYPES.join(', ')}` },
    { name: 'JSON', optional: true, description: 'the action\'s fields as a JSON object, e.g. \'{"basis":"incorrect-information","grounds":["…"]}\'' },
  ],
  options: { as: AS_OPTION },
  async run({ args, options }) {
    const id = parsePermit(args.PERMIT);
    const action = parsePermitAction(args.ACTION, args.JSON, { actor: actorFrom(options.as) });
    if (!action.ok) throw new UsageError(action.issues.join('\n'));
    return withClient(({ client }) => actOnPermit(client, id, action.value));
  },
});

export const permitCommands = [listCommand, showCommand, historyCommand, actCommand];
