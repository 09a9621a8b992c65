/**
 * The lifecycle of an application, as far as the platform issue takes it:
 *
 *   submitted → completenessCheck → readyForDecision → decided
 *                      └→ awaitingEvidence (cure period) ┘
 *
 * The machine is pure: it never reads a clock (every event carries `at`, the workflow's time) and
 * never does I/O. What must happen in the world comes back from `transition()` as effects —
 * `sendNotice`, `armTimer`, `cancelTimer` — which the workflow carries out.
 */
import { assign, getNextTransitions, setup, type SnapshotFrom } from 'xstate';
import { computeDeadline, localDateOf, officeTimeZone, type DeadlineComputation } from '../domain/calendar';
import { CASE_ACTION_TYPES, type Application, type CaseAction, type CaseActionType } from '../domain/case';
import type { Notice } from '../domain/notices';

export type TimerId = 'cure-period';

/** What the workflow must do in the world after a transition. */
export type Effect =
  | { type: 'sendNotice'; params: Notice }
  | { type: 'armTimer'; params: { timer: TimerId; at: string; event: SystemEvent['type'] } }
  | { type: 'cancelTimer'; params: { timer: TimerId } };

/** Events the workflow raises itself; `at` is always workflow time (ISO 8601). */
export type SystemEvent = { type: 'receipt.registered'; at: string } | { type: 'cure-period.expired'; at: string };
export type ActionEvent = CaseAction & { at: string };
export type ApplicationEvent = SystemEvent | ActionEvent;

export interface ApplicationInput {
  application: Application & { caseNumber: string };
  receivedAt: string;
}

export interface ApplicationContext {
  application: ApplicationInput['application'];
  receivedAt: string;
  evidenceRequest: { requestedAt: string; missing: string[]; deadline: DeadlineComputation } | null;
  evidence: { documents: string[]; suppliedAt: string }[];
  /** How the cure period ended: evidence supplied in time, or the deadline passed. */
  cureOutcome: 'supplied' | 'expired' | null;
  decision: { outcome: 'granted' | 'refused'; grounds: string[]; decidedAt: string } | null;
  noticesSent: number;
}

export interface ApplicationOutput {
  caseNumber: string;
  outcome: 'granted' | 'refused';
  grounds: string[];
  decidedAt: string;
  cureOutcome: ApplicationContext['cureOutcome'];
}

const timeZoneOf = (context: ApplicationContext) => officeTimeZone(context.application.jurisdiction);

/** Fields every notice of this case shares; the sequence counts notices already sent. */
const noticeBase = (context: ApplicationContext) => ({
  caseNumber: context.application.caseNumber,
  jurisdiction: context.application.jurisdiction,
  to: context.application.applicant,
  sequence: context.noticesSent + 1,
});

export const applicationMachine = setup({
  types: {
    context: {} as ApplicationContext,
    events: {} as ApplicationEvent,
    input: {} as ApplicationInput,
    output: {} as ApplicationOutput,
  },
  actions: {
    // Effects: declared here, carried out by the workflow (they do nothing inside the machine).
    sendNotice: (_, _notice: Notice) => {},
    armTimer: (_, _timer: Extract<Effect, { type: 'armTimer' }>['params']) => {},
    cancelTimer: (_, _timer: Extract<Effect, { type: 'cancelTimer' }>['params']) => {},
    countNotice: assign({ noticesSent: ({ context }) => context.noticesSent + 1 }),
  },
}).createMachine({
  id: 'application',
  initial: 'submitted',
  context: ({ input }) => ({
    application: input.application,
    receivedAt: input.receivedAt,
    evidenceRequest: null,
    evidence: [],
    cureOutcome: null,
    decision: null,
    noticesSent: 0,
  }),
  states: {
    submitted: {
      on: { 'receipt.registered': 'completenessCheck' },
    },
    completenessCheck: {
      on: {
        'confirm-complete': 'readyForDecision',
        'request-evidence': {
          target: 'awaitingEvidence',
          actions: assign({
            evidenceRequest: ({ context, event }) => {
              const requestedOn = localDateOf(event.at, timeZoneOf(context));
              return {
                requestedAt: event.at,
                missing: event.missing,
                // Vc 2000 B16/7, Awb 4:5: the cure period runs from the day of the request letter.
                deadline: computeDeadline({ jurisdiction: context.application.jurisdiction, kind: 'cure', from: requestedOn }),
              };
            },
          }),
        },
      },
    },
    awaitingEvidence: {
      entry: [
        {
          type: 'sendNotice',
          params: ({ context }) => {
            const request = context.evidenceRequest!;
            const { due, dueAt, timeZone, citations } = request.deadline;
            return { ...noticeBase(context), kind: 'evidence-request', missing: request.missing, deadline: { due, dueAt, timeZone, citations } };
          },
        },
        'countNotice',
        {
          type: 'armTimer',
          params: ({ context }) => ({ timer: 'cure-period', at: context.evidenceRequest!.deadline.dueAt, event: 'cure-period.expired' }),
        },
      ],
      exit: { type: 'cancelTimer', params: { timer: 'cure-period' } },
      on: {
        'supply-evidence': {
          target: 'readyForDecision',
          actions: assign({
            evidence: ({ context, event }) => [...context.evidence, { documents: event.documents, suppliedAt: event.at }],
            cureOutcome: 'supplied',
          }),
        },
        // After the cure period the case goes on with the evidence it has (Awb 4:5).
        'cure-period.expired': { target: 'readyForDecision', actions: assign({ cureOutcome: 'expired' }) },
      },
    },
    readyForDecision: {
      on: {
        decide: {
          target: 'decided',
          actions: assign({
            decision: ({ event }) => ({ outcome: event.outcome, grounds: event.grounds, decidedAt: event.at }),
          }),
        },
      },
    },
    decided: {
      type: 'final',
      entry: [
        {
          type: 'sendNotice',
          params: ({ context }) => {
            const decision = context.decision!;
            return {
              ...noticeBase(context),
              kind: 'decision',
              outcome: decision.outcome,
              grounds: decision.grounds,
              decidedOn: localDateOf(decision.decidedAt, timeZoneOf(context)),
            };
          },
        },
        'countNotice',
      ],
    },
  },
  output: ({ context }) => ({
    caseNumber: context.application.caseNumber,
    outcome: context.decision!.outcome,
    grounds: context.decision!.grounds,
    decidedAt: context.decision!.decidedAt,
    cureOutcome: context.cureOutcome,
  }),
});

export type ApplicationSnapshot = SnapshotFrom<typeof applicationMachine>;

const EFFECT_TYPES = new Set<string>(['sendNotice', 'armTimer', 'cancelTimer']);

/** Keeps the effects among the actions that `transition()` returned, in order. */
export function effectsOf(actions: readonly { type: string; params?: unknown }[]): Effect[] {
  return actions.filter((a) => EFFECT_TYPES.has(a.type)).map((a) => ({ type: a.type, params: a.params }) as Effect);
}

/** The caseworker actions the machine accepts in this snapshot's state. */
export function allowedActions(snapshot: ApplicationSnapshot): CaseActionType[] {
  const enabled = new Set(getNextTransitions(snapshot).map((t) => t.eventType));
  return CASE_ACTION_TYPES.filter((action) => enabled.has(action));
}

/** The state's name, e.g. `awaitingEvidence`. The machine is flat, so the value is a string. */
export const stateOf = (snapshot: ApplicationSnapshot) => snapshot.value as string;
