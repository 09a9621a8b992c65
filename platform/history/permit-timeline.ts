/**
 * A permit's history told in the office's words: started, renewal filed, renewal case decided, new
 * terms, notices, withdrawal and objection, conversion checks, timers. Pure: the decoded events of
 * each run of the permit workflow in (oldest first), entries out.
 *
 * The permit workflow continues as new at each renewal or conversion, so its story spans runs; a
 * later run's start is where the new terms show. The permit publishes no search attributes, so
 * states are read from what each action returned.
 */
import type { ContraIndicationCheck, ContraIndicationReview } from '../../domain/effects';
import type { Notice } from '../../domain/notices';
import type { PermitAction, PermitActionType, Permit } from '../../domain/permit';
import type { PermitTimerId } from '../../machines/permit';
import type { ApplicationResult } from '../../workflows/application';
import type { PermitStatus, PermitWorkflowInput } from '../../workflows/permit-definitions';
import type { DecodedEvent } from './decode';
import { actorOf, describeNotice, inTimeOrder, type TimelineEntry } from './timeline';

const SYSTEM = 'dossier';

const ACTION_EVENT: Record<PermitActionType, string> = {
  'file-renewal': 'renewal filed',
  'assess-lateness': 'lateness assessed',
  'resolve-contra-indication': 'contra-indication resolved',
  withdraw: 'withdrawal decided',
  'lodge-objection': 'objection lodged',
  'decide-objection': 'objection decided',
};

const TIMER_EVENT: Record<PermitTimerId, string> = {
  'renewal-invitation': 'the renewal window opened',
  'renewal-reminder': 'the renewal reminder is due',
  expiry: 'the permit expired',
  'late-renewal': 'the late-renewal period ended',
  conversion: 'the conversion date arrived',
  independence: 'the holder may apply for an independent permit',
  'objection-period': 'the objection period against the withdrawal ended',
};

type Terms = Pick<Permit, 'restriction' | 'validFrom' | 'validUntil'>;
const termsText = (t: Terms) => `${t.restriction}, ${t.validFrom} to ${t.validUntil}`;

function describeAction(action: PermitAction, status: PermitStatus | null): { what: string; legalBasis: string[] } {
  switch (action.type) {
    case 'file-renewal': {
      const renewal = status?.renewals.at(-1);
      const late = action.lateReason ? `; late because: ${action.lateReason}` : '';
      return {
        what: `filed on ${action.filedOn}${renewal ? `, renewal case ${renewal.caseNumber} (${renewal.timing.kind})` : ''}${late}`,
        legalBasis: renewal ? [renewal.timing.citation] : [],
      };
    }
    case 'assess-lateness':
      return { what: action.excusable ? 'excusable' : 'not excusable', legalBasis: action.grounds };
    case 'resolve-contra-indication':
      return { what: action.decision, legalBasis: action.grounds };
    case 'withdraw': {
      const withdrawal = status?.withdrawals.at(-1);
      const objection = withdrawal ? `; objection until ${withdrawal.objection.due}` : '';
      // The workflow puts the law first in the withdrawal's grounds, before the facts given.
      return {
        what: `${action.basis}: ${action.grounds.join('; ')}${objection}`,
        legalBasis: withdrawal ? [withdrawal.grounds[0]!, ...withdrawal.objection.citations] : [],
      };
    }
    case 'lodge-objection':
      return { what: `received on ${action.receivedOn}`, legalBasis: status?.withdrawals.at(-1)?.objection.citations ?? [] };
    case 'decide-objection':
      return { what: action.outcome, legalBasis: action.grounds };
  }
}

function describeActivity(type: string, input: unknown, result: unknown): { event: string; what: string; legalBasis: string[] } {
  switch (type) {
    case 'sendNotice':
      return { event: 'notice sent', ...describeNotice(input as Notice) };
    case 'checkContraIndications': {
      const check = input as ContraIndicationCheck;
      const findings = (result as { ground: string }[] | null) ?? [];
      return {
        event: 'register checked',
        what: `contra-indications on ${check.onDate}: ${findings.length ? findings.map((f) => f.ground).join(', ') : 'none'}`,
        legalBasis: [],
      };
    }
    case 'openContraIndicationReview': {
      const review = input as ContraIndicationReview;
      return { event: 'review opened', what: `${review.key}: ${review.findings.map((f) => f.ground).join(', ')}`, legalBasis: [] };
    }
    default:
      return { event: `activity ${type}`, what: '', legalBasis: [] };
  }
}

/** The runner names each timer in its summary: `<timer> until <instant>`. */
function timerOf(summary: string | null): PermitTimerId | null {
  const id = summary?.split(' ')[0] ?? '';
  return id in TIMER_EVENT ? (id as PermitTimerId) : null;
}

/** The story of a permit from the decoded events of its runs, oldest run first. */
export function permitTimeline(runs: DecodedEvent[][]): TimelineEntry[] {
  let terms: Terms | null = null;
  return runs.flatMap((events) => {
    const entries: TimelineEntry[] = [];
    const accepted = new Map<string, Extract<DecodedEvent, { kind: 'updateAccepted' }>>();
    const scheduled = new Map<number, Extract<DecodedEvent, { kind: 'activityScheduled' }>>();
    const timers = new Map<number, string | null>();
    const add = (e: DecodedEvent, entry: Omit<TimelineEntry, 'eventId' | 'at'>) => entries.push({ eventId: e.id, at: e.time, ...entry });

    for (const e of events) {
      switch (e.kind) {
        case 'started': {
          const input = e.input[0] as PermitWorkflowInput | undefined;
          const permit = input?.permit;
          if (!permit) break;
          if (!input.restore) {
            add(e, {
              event: 'permit started',
              by: e.identity,
              what: `${permit.permitNumber} (${permit.jurisdiction}), granted in case ${permit.caseNumber}: ${termsText(permit)}`,
              legalBasis: [],
            });
          } else if (!terms) {
            // The earlier runs are gone (past the namespace's retention): the story starts here.
            add(e, { event: 'permit continued', by: SYSTEM, what: `${permit.permitNumber} (${permit.jurisdiction}): ${termsText(permit)}`, legalBasis: [] });
          } else if (termsText(terms) !== termsText(permit)) {
            // A run continued only to keep its history short is no part of the story; new terms are.
            add(e, { event: 'new terms', by: SYSTEM, what: termsText(permit), legalBasis: [] });
          }
          terms = permit;
          break;
        }
        case 'updateAccepted':
          accepted.set(e.updateId, e);
          break;
        case 'updateCompleted': {
          const request = accepted.get(e.updateId);
          const action = request?.args[0] as (PermitAction & Record<string, unknown>) | undefined;
          if (!request || !action) break;
          const by = actorOf(action, request.identity);
          if (e.failure) {
            add(request, { event: `${action.type} failed`, by, what: e.failure, legalBasis: [] });
            break;
          }
          const status = (e.result as PermitStatus | null) ?? null;
          const described = describeAction(action, status);
          add(request, {
            event: ACTION_EVENT[action.type] ?? action.type,
            by,
            what: `${described.what}${status ? ` (state ${status.state})` : ''}`,
            legalBasis: described.legalBasis,
          });
          break;
        }
        case 'signaled':
          add(e, { event: `signal ${e.name}`, by: e.identity, what: JSON.stringify(e.input[0] ?? null), legalBasis: [] });
          break;
        case 'activityScheduled':
          scheduled.set(e.id, e);
          break;
        case 'activityCompleted':
        case 'activityFailed': {
          const s = scheduled.get(e.scheduledEventId);
          if (!s) break;
          const described = describeActivity(s.activityType, s.input[0], e.kind === 'activityCompleted' ? e.result : null);
          if (e.kind === 'activityFailed') {
            const event = `${described.event.replace(/ (sent|checked|opened)$/, '')} failed`;
            add(e, { ...described, event, by: SYSTEM, what: `${described.what}: ${e.failure}` });
          } else add(e, { ...described, by: SYSTEM });
          break;
        }
        case 'childStarted':
          add(e, { event: 'renewal case started', by: SYSTEM, what: e.workflowId, legalBasis: [] });
          break;
        case 'childClosed': {
          const result = e.result as Partial<ApplicationResult> | null;
          const outcome = result?.decision?.outcome ?? result?.ending ?? e.how;
          add(e, {
            event: 'renewal case ended',
            by: SYSTEM,
            what: `${e.workflowId}: ${outcome}${e.reason ? ` (${e.reason})` : ''}`,
            legalBasis: result?.decision?.grounds ?? [],
          });
          break;
        }
        case 'timerStarted':
          timers.set(e.id, e.summary);
          break;
        case 'timerFired': {
          const timer = timerOf(timers.get(e.startedEventId) ?? null);
          add(e, { event: 'timer fired', by: 'timer', what: timer ? TIMER_EVENT[timer] : 'a timer fired', legalBasis: [] });
          break;
        }
        case 'closed': {
          if (e.how === 'continued-as-new') break;
          const result = e.result as { ending?: string } | null;
          const what = e.how === 'completed' ? (result?.ending ?? 'completed') : `${e.how}${e.reason ? `: ${e.reason}` : ''}`;
          add(e, { event: 'permit ended', by: e.identity ?? SYSTEM, what, legalBasis: [] });
          break;
        }
      }
    }
    return entries.sort(inTimeOrder);
  });
}
