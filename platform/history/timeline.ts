/**
 * A case's history told in the office's words: received, evidence requested with its deadline,
 * reminder sent, report requested, decision, notice sent, deadline passed. Each entry has its time,
 * who did it and the legal basis. Pure: decoded history events in (./decode.ts), entries out.
 *
 * The machine runner's timers are `condition` timeouts, anonymous in history unless the runner
 * gives them a summary. Without one, which deadline a fired timer was is read from what the case
 * did next (a reminder notice, an operator alert, a new state).
 */
import { officeTimeZone, type Jurisdiction } from '../../domain/calendar';
import type { CaseAction, DocumentFile } from '../../domain/case-actions';
import type { PermitInput } from '../../domain/permit';
import type { Notice, NoticeDeadline } from '../../domain/notices';
import type { ReportRequest, TimerId, OperatorAlert } from '../../machines/application';
import type { CaseStatus } from '../../workflows/definitions';
import { CASE_OVERDUE, CASE_NEXT_DEADLINE, CASE_STATE } from '../../workflows/search-attributes';
import { localTime } from '../local-time';
import type { DecodedEvent } from './decode';

export interface TimelineEntry {
  /** The history event the entry is placed at (its id in `temporal workflow show` and the web UI). */
  eventId: number;
  /** ISO 8601. */
  at: string;
  /** What happened, in a few words: `evidence requested`, `notice sent`, `deadline passed`… */
  event: string;
  /** Who did it: the caseworker or client (update identity, or the action's actor), `dossier` for the case itself. */
  by: string;
  what: string;
  legalBasis: string[];
}

const SYSTEM = 'dossier';

const ACTION_EVENT: Record<CaseAction['type'], string> = {
  'confirm-complete': 'confirmed complete',
  'request-evidence': 'evidence requested',
  'extend-cure-period': 'cure period extended',
  'supply-evidence': 'evidence supplied',
  'proceed-without-evidence': 'proceeds without evidence',
  'declare-not-processed': 'decision: not processed',
  'request-ambtsbericht': 'report requested',
  'record-report': 'report received',
  'record-best-interests': 'best interests recorded',
  grant: 'decision: granted',
  refuse: 'decision: refused',
  'record-default-notice': 'notice of default',
  'lodge-objection': 'objection lodged',
  'decide-objection': 'objection decided',
  withdraw: 'withdrawn',
};

const TIMER_EVENT: Record<TimerId, string> = {
  'cure-period': 'the cure period ended',
  'cure-reminder': 'the cure reminder is due',
  'decision-period': 'the decision period ended',
  'report-reminder': 'the ambtsbericht is late: remind the ministry',
  'objection-period': 'the objection period ended',
};

/** Which running deadline a notice states: the timer that watches it. */
const NOTICE_DEADLINE_TIMER: Partial<Record<Notice['kind'], TimerId>> = {
  receipt: 'decision-period',
  'decision-period-extended': 'decision-period',
  'evidence-request': 'cure-period',
  'deadline-extended': 'cure-period',
  'cure-reminder': 'cure-period',
  'objection-period': 'objection-period',
};

/** The deadlines of a case as its history has stated them so far, for the legal basis of later lines. */
type KnownDeadlines = Partial<Record<TimerId, { due: string | null; citations: string[] }>>;

const list = (items: readonly string[] | undefined) => (items ?? []).join(', ');

/** The actor id of an applicant acting through the signed link of a notice (http/web/applicant.ts): no account, no personal data. */
export const VIA_LINK_ID = 'link';

/** The actor an action names (the lead's roles: a string or `{ role, name|id }`), else the client's identity. */
export function actorOf(action: Record<string, unknown>, identity: string): string {
  const actor = action.actor;
  if (typeof actor === 'string' && actor) return actor;
  if (actor && typeof actor === 'object') {
    const { role, name, id, onBehalfOf } = actor as { role?: string; name?: string; id?: string; onBehalfOf?: string };
    if (role === 'applicant' && id === VIA_LINK_ID && !onBehalfOf) return 'applicant (via link)';
    const who = [role, name ?? id, onBehalfOf ? `for the ${onBehalfOf}` : ''].filter(Boolean).join(' ');
    if (who) return who;
  }
  return identity || 'unknown client';
}

/** The files of an action as the history shows them: name, type, size and hash, never the content. */
const filesText = (files: readonly DocumentFile[] | undefined) =>
  files?.length ? `; files: ${files.map((f) => `${f.name} (${f.type}, ${f.size} bytes, sha256 ${f.hash})`).join(', ')}` : '';

function describeAction(action: CaseAction, status: CaseStatus | null): { what: string; legalBasis: string[] } {
  const cure = status?.deadlines.cure;
  switch (action.type) {
    case 'request-evidence':
      return { what: `missing: ${list(action.missing)}${cure ? `; cure period until ${cure.due}` : ''}`, legalBasis: cure?.citations ?? [] };
    case 'extend-cure-period':
      return { what: `until ${action.until}: ${action.reason}`, legalBasis: cure?.citations ?? [] };
    case 'supply-evidence':
      return { what: `documents: ${list(action.documents)}${filesText(action.files)}`, legalBasis: [] };
    case 'declare-not-processed':
    case 'grant':
    case 'refuse':
      return {
        what: action.type === 'grant' ? `permit ${action.permit.restriction}, ${action.permit.validFrom} to ${action.permit.validUntil}` : '',
        legalBasis: status?.decision?.grounds ?? [],
      };
    case 'request-ambtsbericht':
      return {
        what: `factors ${list(action.factors)}; ${action.questions.length} question(s)`,
        legalBasis: (status?.decisionClock ?? []).filter((e) => e.kind === 'extension').map((e) => e.legalBasis),
      };
    case 'record-report':
      return { what: `reference ${action.reference}: ${action.summary}`, legalBasis: [] };
    case 'record-default-notice':
      return { what: `received on ${action.receivedOn}`, legalBasis: status?.defaultNotice ? [status.defaultNotice.penalty.legalBasis] : [] };
    case 'lodge-objection':
      return { what: `received on ${action.receivedOn}${filesText(action.files)}`, legalBasis: status?.objection?.deadline.citations ?? [] };
    case 'decide-objection':
      return { what: action.outcome, legalBasis: action.grounds };
    default:
      return { what: '', legalBasis: [] };
  }
}

export function describeNotice(notice: Notice): { what: string; legalBasis: string[] } {
  const deadline = (notice as { deadline?: NoticeDeadline | null }).deadline;
  const parts = [`${notice.kind} to ${notice.to.email}`];
  if (deadline) parts.push(`deadline ${deadline.due}`);
  if (notice.kind === 'decision') return { what: `${parts[0]}: ${notice.outcome}`, legalBasis: [...notice.grounds, ...notice.rules] };
  if (notice.kind === 'objection-decision') return { what: `${parts[0]}: ${notice.outcome}`, legalBasis: notice.grounds };
  return { what: parts.join(', '), legalBasis: deadline?.citations ?? [] };
}

function describeActivity(type: string, input: unknown): { event: string; what: string; legalBasis: string[] } {
  switch (type) {
    case 'sendNotice':
      return { event: 'notice sent', ...describeNotice(input as Notice) };
    case 'requestReport': {
      const r = input as ReportRequest;
      return { event: 'ministry asked', what: `ambtsbericht ${r.requestKey}, factors ${list(r.factors)}, expected by ${r.expectedBy}`, legalBasis: [] };
    }
    case 'remindMinistry': {
      const r = input as ReportRequest & { reminder: number };
      return { event: 'ministry reminded', what: `reminder ${r.reminder} for ${r.requestKey}`, legalBasis: [] };
    }
    case 'alertOperators': {
      const alert = input as OperatorAlert;
      return { event: 'operators alerted', what: `${alert.kind}: ${alert.detail}`, legalBasis: [] };
    }
    case 'startPermit': {
      const permit = input as PermitInput;
      return {
        event: 'permit started',
        what: `${permit.permitNumber}: ${permit.restriction}, ${permit.validFrom} to ${permit.validUntil}`,
        legalBasis: ['Vb 2000 art. 3.64'],
      };
    }
    default:
      return { event: `activity ${type}`, what: '', legalBasis: [] };
  }
}

/** Which timer fired, from what the case did next, up to the next outside event. */
function inferTimer(events: DecodedEvent[], from: number, stateBefore: string | null): TimerId | null {
  for (const e of events.slice(from + 1)) {
    if (e.kind === 'timerFired' || e.kind === 'updateAccepted' || e.kind === 'signaled') return null;
    if (e.kind === 'activityScheduled') {
      if (e.activityType === 'alertOperators') return 'decision-period';
      if (e.activityType === 'remindMinistry') return 'report-reminder';
      if (e.activityType === 'sendNotice' && (e.input[0] as Notice | undefined)?.kind === 'cure-reminder') return 'cure-reminder';
    }
    if (e.kind === 'searchAttributes') {
      const state = e.fields[CASE_STATE.name];
      if (state === 'cureExpired') return 'cure-period';
      if (state === 'closed' && stateBefore === 'objectionPeriod') return 'objection-period';
    }
  }
  return null;
}

const isTimerId = (value: string | null): value is TimerId => value !== null && value in TIMER_EVENT;

export function caseTimeline(events: DecodedEvent[]): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  const accepted = new Map<string, Extract<DecodedEvent, { kind: 'updateAccepted' }>>();
  const scheduled = new Map<number, Extract<DecodedEvent, { kind: 'activityScheduled' }>>();
  const timerSummaries = new Map<number, string | null>();
  const deadlines: KnownDeadlines = {};
  let state: string | null = null;
  let overdue = false;
  let timeZone = 'UTC';
  const add = (e: DecodedEvent, entry: Omit<TimelineEntry, 'eventId' | 'at'>) => entries.push({ eventId: e.id, at: e.time, ...entry });

  events.forEach((e, index) => {
    switch (e.kind) {
      case 'started': {
        const application = (e.input[0] as { application?: { caseNumber?: string; facts?: { jurisdiction?: string; category?: string } } } | undefined)
          ?.application;
        const facts = application?.facts;
        if (facts?.jurisdiction) timeZone = officeTimeZone(facts.jurisdiction as Jurisdiction);
        add(e, {
          event: 'received',
          by: e.identity,
          what: `application ${application?.caseNumber ?? ''} (${[facts?.jurisdiction, facts?.category].filter(Boolean).join(', ')})`,
          legalBasis: [],
        });
        break;
      }
      case 'updateAccepted':
        accepted.set(e.updateId, e);
        break;
      case 'updateCompleted': {
        const request = accepted.get(e.updateId);
        const action = request?.args[0] as (CaseAction & Record<string, unknown>) | undefined;
        if (!request || !action) break;
        const status = (e.result as CaseStatus | null) ?? null;
        if (status) {
          if (status.deadlines.cure) deadlines['cure-period'] = status.deadlines.cure;
          if (status.deadlines.decision) deadlines['decision-period'] = status.deadlines.decision;
          if (status.deadlines.objection) deadlines['objection-period'] = status.deadlines.objection;
        }
        const by = actorOf(action, request.identity);
        if (e.failure) {
          add(request, { event: `${action.type} failed`, by, what: e.failure, legalBasis: [] });
        } else {
          add(request, { event: ACTION_EVENT[action.type] ?? action.type, by, ...describeAction(action, status) });
        }
        break;
      }
      case 'signaled':
        add(e, { event: `signal ${e.name}`, by: e.identity, what: JSON.stringify(e.input[0] ?? null), legalBasis: [] });
        break;
      case 'activityScheduled':
        scheduled.set(e.id, e);
        if (e.activityType === 'sendNotice') {
          const notice = e.input[0] as Notice;
          const timer = NOTICE_DEADLINE_TIMER[notice.kind];
          const deadline = (notice as { deadline?: NoticeDeadline | null }).deadline;
          if (timer && deadline) deadlines[timer] = deadline;
        }
        break;
      case 'activityCompleted':
      case 'activityFailed': {
        const s = scheduled.get(e.scheduledEventId);
        if (!s) break;
        const described = describeActivity(s.activityType, s.input[0]);
        if (e.kind === 'activityFailed')
          add(e, {
            ...described,
            event: `${described.event.replace(/ (sent|asked|reminded|alerted)$/, '')} failed`,
            by: SYSTEM,
            what: `${described.what}: ${e.failure}`,
          });
        else add(e, { ...described, by: SYSTEM });
        break;
      }
      case 'searchAttributes': {
        const next = e.fields[CASE_STATE.name];
        if (typeof next === 'string' && next !== state) {
          const deadline = e.fields[CASE_NEXT_DEADLINE.name];
          add(e, {
            event: 'state',
            by: SYSTEM,
            what: `${state ? `${state} → ` : ''}${next}${typeof deadline === 'string' ? `; next deadline ${localTime(deadline, timeZone)} ${timeZone}` : ''}`,
            legalBasis: [],
          });
          state = next;
        }
        const nowOverdue = e.fields[CASE_OVERDUE.name] === true;
        if (nowOverdue && !overdue)
          add(e, { event: 'overdue', by: SYSTEM, what: 'no decision within the decision period', legalBasis: deadlines['decision-period']?.citations ?? [] });
        overdue = nowOverdue;
        break;
      }
      case 'timerStarted':
        timerSummaries.set(e.id, e.summary);
        break;
      case 'timerFired': {
        const summary = timerSummaries.get(e.startedEventId) ?? null;
        const timer = isTimerId(summary) ? summary : inferTimer(events, index, state);
        const deadline = timer && timer !== 'cure-reminder' && timer !== 'report-reminder' ? deadlines[timer] : undefined;
        add(e, {
          event: 'timer fired',
          by: 'timer',
          what: timer ? `${TIMER_EVENT[timer]}${deadline?.due ? ` (due ${deadline.due})` : ''}` : 'a timer fired',
          legalBasis: deadline?.citations ?? [],
        });
        break;
      }
      case 'timerCanceled':
        break;
      case 'closed': {
        const result = e.result as { ending?: string; decision?: { outcome?: string } | null } | null;
        const what =
          e.how === 'completed'
            ? `${result?.ending ?? 'completed'}${result?.decision?.outcome ? ` (decision: ${result.decision.outcome})` : ''}`
            : `${e.how}${e.reason ? `: ${e.reason}` : ''}`;
        add(e, { event: 'case ended', by: e.identity ?? SYSTEM, what, legalBasis: [] });
        break;
      }
    }
  });
  return entries.sort(inTimeOrder);
}

/**
 * Entries of one run in time order, then history order. Not history order alone: the server appends
 * events that arrived during a workflow task (an activity's completion) after the task, with their
 * earlier times. An action is told where it was accepted, though its outcome is known only when it completed.
 */
export const inTimeOrder = (a: TimelineEntry, b: TimelineEntry) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.eventId - b.eventId);
