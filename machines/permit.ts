/**
 * The life of a residence permit, often many years:
 *
 *   live{ valid → renewalPending → valid (renewed) | lapsed → renewalPending … } → expired | withdrawn
 *
 * Conversion (Vc B16/7.1), the art. 3.50 notice and a withdrawal with its objection period run
 * beside the validity, so they are kept in the context and handled at the `live` level: a timer
 * event is never lost because the permit happens to be in another sub-state when it fires.
 *
 * Pure, like the application machine: events carry `at` (workflow time), legal dates come from the
 * calendar, and what must happen in the world comes back as effects (`sendNotice`, `armTimer`,
 * `cancelTimer`, `checkContraIndications`, `openContraIndicationReview`, `startRenewalCase`).
 * `generation` counts changes of the permit's terms (renewal, conversion): the workflow continues
 * as new at each.
 */
import { and, assign, enqueueActions, not, setup, type SnapshotFrom } from 'xstate';
import { innermostState, lawGuards, offeredActions, refusal, type LawRules } from './guards';
import { addMonths, endOfDay, localDateOf, officeTimeZone, startOfDay, type LocalDate } from '../domain/calendar';
import type { ContraIndicationCheck, ContraIndicationReview, EffectOf, PermitEffects, RenewalCaseRequest, RenewalCaseResult } from '../domain/effects';
import { procedureOf } from '../domain/jurisdictions';
import type { Notice, NoticeDeadline } from '../domain/notices';
import {
  isRenewable,
  LATE_RENEWAL_MONTHS,
  objectionPeriod,
  PERMIT_ACTION_TYPES,
  permitRoleObstacle,
  renewalCalendar,
  renewalTiming,
  withdrawalBasis,
  withdrawalObstacle,
  type ContraIndicationFinding,
  type Permit,
  type PermitAction,
  type PermitActionType,
  type RenewalTiming,
} from '../domain/permit';

export type { ContraIndicationCheck, ContraIndicationReview, RenewalCaseRequest, RenewalCaseResult } from '../domain/effects';

export type PermitTimerId = 'renewal-invitation' | 'renewal-reminder' | 'expiry' | 'late-renewal' | 'conversion' | 'independence' | 'objection-period';

export type PermitSystemEvent =
  | { type: 'renewal-window.opened'; at: string }
  | { type: 'renewal-reminder.due'; at: string }
  | { type: 'permit.expired'; at: string }
  | { type: 'late-renewal.closed'; at: string }
  | { type: 'conversion.due'; at: string }
  | { type: 'independence.due'; at: string }
  | { type: 'objection-period.expired'; at: string }
  | { type: 'contra-indications.checked'; at: string; findings: ContraIndicationFinding[] }
  | { type: 'renewal-case.decided'; at: string; result: RenewalCaseResult };
export type PermitActionEvent = PermitAction & { at: string };
export type PermitEvent = PermitSystemEvent | PermitActionEvent;

type TimerParams = { timer: PermitTimerId; at: string | null; event: PermitSystemEvent['type'] };
/** What the workflow must do in the world after a transition: the effects of domain/effects, and timers. */
export type PermitEffect =
  | EffectOf<PermitEffects>
  | { type: 'armTimer'; params: TimerParams }
  | { type: 'cancelTimer'; params: { timer: PermitTimerId } };

export interface RenewalRecord {
  n: number;
  workflowId: string;
  caseNumber: string;
  filedOn: LocalDate;
  filedAt: string;
  /** The expiry the renewal continues from. */
  ofValidUntil: LocalDate;
  timing: RenewalTiming;
  lateReason: string | null;
  /** NL, filed more than four weeks late: whether the lateness is excusable (Vw 2000 art. 26). */
  lateness: { excusable: boolean; grounds: string[]; assessedAt: string } | null;
  result: (RenewalCaseResult & { decidedAt: string }) | null;
}

export interface ConversionRecord {
  dueOn: LocalDate;
  status: 'scheduled' | 'checking' | 'review' | 'converted' | 'maintained' | 'not-in-force';
  findings: ContraIndicationFinding[];
  review: { key: string; openedAt: string } | null;
  resolution: { decision: 'convert' | 'maintain'; grounds: string[]; at: string } | null;
}

export interface WithdrawalRecord {
  decidedAt: string;
  withdrawnOn: LocalDate;
  grounds: string[];
  objection: NoticeDeadline;
  lodgedOn: LocalDate | null;
  outcome: { outcome: 'well-founded' | 'unfounded'; grounds: string[]; decidedAt: string } | null;
}

export type PermitPeriod = Pick<Permit, 'restriction' | 'labourMarketNote' | 'validFrom' | 'validUntil'> & { endedBy: 'renewal' | 'conversion' };

export interface PermitContext {
  /** The permit with its current terms. */
  permit: Permit;
  startedAt: string;
  /** Earlier terms, oldest first: one entry per renewal or conversion. */
  history: PermitPeriod[];
  /** What has happened in the current validity period. */
  period: { invitedAt: string | null; remindedAt: string | null; expiredAt: string | null };
  renewals: RenewalRecord[];
  conversion: ConversionRecord | null;
  independence: { eligibleOn: LocalDate; notifiedAt: string | null } | null;
  withdrawals: WithdrawalRecord[];
  noticesSent: number;
  generation: number;
}

export interface PermitMachineInput {
  permit: Permit;
  startedAt: string;
}

export interface PermitOutput {
  permitNumber: string;
  ending: 'expired' | 'withdrawn';
  permit: Permit;
  history: PermitPeriod[];
  renewals: RenewalRecord[];
  conversion: ConversionRecord | null;
  withdrawals: WithdrawalRecord[];
}

const FRESH_PERIOD: PermitContext['period'] = { invitedAt: null, remindedAt: null, expiredAt: null };
const procedureOfPermit = (context: PermitContext) => procedureOf(context.permit.jurisdiction);
const zoneOf = (context: PermitContext) => officeTimeZone(context.permit.jurisdiction);
const dayOf = (context: PermitContext, at: string) => localDateOf(at, zoneOf(context));
const calendarOf = (context: PermitContext) => renewalCalendar(context.permit.jurisdiction, context.permit.validUntil);
/** Events from `initialTransition` carry no `at`: the start counts. */
const atOf = (context: PermitContext, event: { at?: string }) => event.at ?? context.startedAt;

export const pendingRenewal = (context: PermitContext) => {
  const last = context.renewals.at(-1);
  return last && !last.result ? last : undefined;
};
export const pendingWithdrawal = (context: PermitContext) => {
  const last = context.withdrawals.at(-1);
  return last && !last.outcome ? last : undefined;
};

const noticeBase = (context: PermitContext) => ({
  // The permit is its own file: its number keeps its notices apart from the granting case's.
  caseNumber: context.permit.permitNumber,
  jurisdiction: context.permit.jurisdiction,
  to: context.permit.holder,
  sequence: context.noticesSent + 1,
});

type Builder = (context: PermitContext, event: PermitEvent) => Notice;
/** A notice and the count that keeps the next one's sequence. */
const notify = (build: Builder) =>
  [{ type: 'sendNotice' as const, params: ({ context, event }: { context: PermitContext; event: PermitEvent }) => build(context, event) }, 'countNotice' as const];

const arm = (timer: PermitTimerId, at: string | null, event: PermitSystemEvent['type']): TimerParams => ({ timer, at, event });
const cancel = (timer: PermitTimerId) => ({ type: 'cancelTimer' as const, params: { timer } });

/** New terms from a renewal or conversion: the old ones go to the history, the period starts afresh. */
function newTerms(context: PermitContext, terms: Partial<Permit>, endedBy: PermitPeriod['endedBy']): Pick<PermitContext, 'permit' | 'history' | 'period' | 'generation'> {
  const { restriction, labourMarketNote, validFrom, validUntil } = context.permit;
  return {
    history: [...context.history, { restriction, labourMarketNote, validFrom, validUntil, endedBy }],
    permit: { ...context.permit, ...terms },
    period: FRESH_PERIOD,
    generation: context.generation + 1,
  };
}

type Args = { context: PermitContext; event: PermitEvent };
const armFor = (params: (args: Args) => TimerParams) => ({ type: 'armTimer' as const, params });

/**
 * The timers of the current validity period, from the context alone (so they may be set again after
 * a renewal, a conversion or a renewal case that ended without one): the invitation (or expiry
 * notice) until it went out, the reminder while still ahead, the expiry until it passed.
 */
const syncPeriodTimers = [
  armFor(({ context }) =>
    arm('renewal-invitation', context.period.invitedAt ? null : startOfDay(calendarOf(context).inviteOn, zoneOf(context)), 'renewal-window.opened'),
  ),
  armFor(({ context, event }) => {
    const remindAt = startOfDay(calendarOf(context).remindOn, zoneOf(context));
    const remind = isRenewable(context.permit) && !context.period.remindedAt && remindAt > atOf(context, event);
    return arm('renewal-reminder', remind ? remindAt : null, 'renewal-reminder.due');
  }),
  armFor(({ context }) => arm('expiry', context.period.expiredAt ? null : calendarOf(context).expiresAt, 'permit.expired')),
];

/** The permit as first granted: the terms of its first period over the holder and law that do not change. */
const asGranted = (context: PermitContext): Permit => ({ ...context.permit, ...context.history[0] });

/** The conversion the law attaches to this permit (its jurisdiction's procedure): read from the permit as granted. */
const conversionLaw = (context: PermitContext) => procedureOfPermit(context).milestones.conversion(asGranted(context));

/** Conversion: new terms, the holder told, the period's timers moved to the new expiry. */
const convert = [
  'convertTerms' as const,
  ...notify((context) => ({
    ...noticeBase(context),
    kind: 'conversion',
    convertedOn: context.conversion!.dueOn,
    validUntil: context.permit.validUntil,
    grounds: conversionLaw(context)!.grounds,
  })),
  ...syncPeriodTimers,
];

/**
 * The rules the permit machine's guards apply, each named after what the law requires and citing
 * the article of the permit's jurisdiction (its procedure). Who may act is the office's access policy.
 */
const renewalFiled = (event: PermitActionEvent) => event as Extract<PermitActionEvent, { type: 'file-renewal' }>;
const filingTiming = (context: PermitContext, event: PermitActionEvent) => renewalTiming(context.permit.jurisdiction, context.permit.validUntil, renewalFiled(event).filedOn);

export const PERMIT_RULES = {
  actorMayAct: { refuses: (_, event) => permitRoleObstacle(event.type, event.actor) },
  renewable: { caseOnly: true, refuses: (context) => (isRenewable(context.permit) ? null : procedureOfPermit(context).renewal.notRenewable(context.permit)) },
  renewalFactsOfThisJurisdiction: {
    refuses: (context, event) => {
      const { facts } = renewalFiled(event);
      return facts.jurisdiction === context.permit.jurisdiction ? null : `the renewal's facts are for ${facts.jurisdiction}, the permit is ${context.permit.jurisdiction}`;
    },
  },
  filedOnNotInFuture: { refuses: (context, event) => (renewalFiled(event).filedOn > dayOf(context, event.at) ? `filedOn ${renewalFiled(event).filedOn} is a future date` : null) },
  renewalWindowOpen: {
    refuses: (context, event) => {
      const timing = filingTiming(context, event);
      return timing.kind === 'too-early' ? `a renewal may be filed from ${timing.opensOn} (${timing.citation})` : null;
    },
  },
  lateReasonGiven: {
    refuses: (context, event) => {
      const timing = filingTiming(context, event);
      return timing.kind === 'late-gap' && !renewalFiled(event).lateReason
        ? `filed more than four weeks after the permit expired on ${context.permit.validUntil}: give lateReason, so the reason for lateness can be assessed (${timing.citation})`
        : null;
    },
  },
  latenessToAssess: {
    caseOnly: true,
    refuses: (context) => {
      const renewal = pendingRenewal(context);
      const basis = procedureOfPermit(context).renewal.latenessBasis ?? 'this jurisdiction\'s law assesses no lateness';
      if (renewal?.timing.kind !== 'late-gap') return `no pending renewal was filed with a gap after expiry: there is no lateness to assess (${basis})`;
      return renewal.lateness ? 'the lateness of this renewal has already been assessed' : null;
    },
  },
  contraIndicationUnderReview: {
    caseOnly: true,
    refuses: (context) =>
      context.conversion?.status === 'review' ? null : `no conversion awaits a caseworker's decision on a contra-indication (${conversionLaw(context)?.contraIndicationBasis ?? 'no conversion applies to this permit'})`,
  },
  noWithdrawalPending: { caseOnly: true, refuses: (context) => (pendingWithdrawal(context) ? 'a withdrawal of this permit is already pending' : null) },
  withdrawalGroundAllowed: {
    refuses: (context, event) => (event.type === 'withdraw' ? withdrawalObstacle(context.permit.jurisdiction, event.basis, dayOf(context, event.at)) : null),
  },
  withdrawalToObjectTo: {
    caseOnly: true,
    refuses: (context) => {
      const withdrawal = pendingWithdrawal(context);
      if (!withdrawal) return 'there is no withdrawal decision to object to';
      return withdrawal.lodgedOn ? `an objection was already lodged on ${withdrawal.lodgedOn}` : null;
    },
  },
  objectionInTime: {
    refuses: (context, event) => {
      if (event.type !== 'lodge-objection') return null;
      const { due, citations } = pendingWithdrawal(context)!.objection;
      return event.receivedOn > due ? `the objection period ended on ${due} (${citations[0]}); an objection received on ${event.receivedOn} is late` : null;
    },
  },
  objectionPending: { caseOnly: true, refuses: (context) => (pendingWithdrawal(context)?.lodgedOn ? null : 'no objection against a withdrawal is pending') },
} satisfies LawRules<PermitContext, PermitActionEvent>;

const FILE_RENEWAL = and(['actorMayAct', 'renewable', 'renewalFactsOfThisJurisdiction', 'filedOnNotInFuture', 'renewalWindowOpen', 'lateReasonGiven']);

export const permitMachine = setup({
  types: {
    context: {} as PermitContext,
    events: {} as PermitEvent,
    input: {} as PermitMachineInput,
    output: {} as PermitOutput,
  },
  actions: {
    // Effects: declared here, carried out by the workflow.
    sendNotice: (_, _notice: Notice) => {},
    armTimer: (_, _timer: TimerParams) => {},
    cancelTimer: (_, _timer: { timer: PermitTimerId }) => {},
    checkContraIndications: (_, _check: ContraIndicationCheck) => {},
    openContraIndicationReview: (_, _review: ContraIndicationReview) => {},
    startRenewalCase: (_, _request: RenewalCaseRequest) => {},
    countNotice: assign({ noticesSent: ({ context }) => context.noticesSent + 1 }),
    /** Vc 2000 B16/7.1: the estate permit becomes a continued-residence permit (art. 3.52 Vb), valid from the anniversary. */
    convertTerms: assign(({ context, event }) => {
      const conversion = context.conversion!;
      const resolution = event.type === 'resolve-contra-indication' ? { decision: event.decision, grounds: event.grounds, at: event.at } : conversion.resolution;
      return { ...newTerms(context, conversionLaw(context)!.terms(conversion.dueOn), 'conversion'), conversion: { ...conversion, status: 'converted' as const, resolution } };
    }),
    renewTerms: assign(({ context, event }) => {
      const { result } = event as Extract<PermitEvent, { type: 'renewal-case.decided' }>;
      return result.outcome === 'granted' ? newTerms(context, result.terms, 'renewal') : {};
    }),
    recordRenewalResult: assign({
      renewals: ({ context, event }) => {
        const { result, at } = event as Extract<PermitEvent, { type: 'renewal-case.decided' }>;
        return [...context.renewals.slice(0, -1), { ...pendingRenewal(context)!, result: { ...result, decidedAt: at } }];
      },
    }),
    recordObjectionDecision: assign({
      withdrawals: ({ context, event }) => {
        const e = event as Extract<PermitActionEvent, { type: 'decide-objection' }>;
        return [...context.withdrawals.slice(0, -1), { ...pendingWithdrawal(context)!, outcome: { outcome: e.outcome, grounds: e.grounds, decidedAt: e.at } }];
      },
    }),
  },
  guards: {
    ...lawGuards(PERMIT_RULES),
    renewalPending: ({ context }) => pendingRenewal(context) !== undefined,
    // A conversion on its anniversary needs a permit in force: an expired one is not held.
    inForce: ({ context }) => !context.period.expiredAt || pendingRenewal(context) !== undefined,
    noContraIndication: ({ event }) => (event as Extract<PermitEvent, { type: 'contra-indications.checked' }>).findings.length === 0,
    decidedToConvert: ({ event }) => (event as Extract<PermitActionEvent, { type: 'resolve-contra-indication' }>).decision === 'convert',
    wellFounded: ({ event }) => (event as Extract<PermitActionEvent, { type: 'decide-objection' }>).outcome === 'well-founded',
    renewed: ({ event }) => (event as Extract<PermitEvent, { type: 'renewal-case.decided' }>).result.outcome === 'granted',
    expired: ({ context }) => context.period.expiredAt !== null,
  },
}).createMachine({
  id: 'permit',
  initial: 'live',
  context: ({ input }) => {
    const { permit } = input;
    const { milestones } = procedureOf(permit.jurisdiction);
    const conversionOn = milestones.conversion(permit)?.dueOn;
    const eligibleOn = milestones.independence(permit)?.eligibleOn;
    return {
      permit,
      startedAt: input.startedAt,
      history: [],
      period: FRESH_PERIOD,
      renewals: [],
      conversion: conversionOn ? { dueOn: conversionOn, status: 'scheduled', findings: [], review: null, resolution: null } : null,
      independence: eligibleOn ? { eligibleOn, notifiedAt: null } : null,
      withdrawals: [],
      noticesSent: 0,
      generation: 0,
    };
  },
  states: {
    live: {
      initial: 'valid',
      // Once per permit: these timers outlive every renewal and continue-as-new.
      entry: enqueueActions(({ context, enqueue }) => {
        const zone = zoneOf(context);
        if (context.conversion) enqueue({ type: 'armTimer', params: arm('conversion', startOfDay(context.conversion.dueOn, zone), 'conversion.due') });
        if (context.independence) enqueue({ type: 'armTimer', params: arm('independence', startOfDay(context.independence.eligibleOn, zone), 'independence.due') });
      }),
      on: {
        'renewal-window.opened': [
          { guard: 'renewalPending', actions: assign({ period: ({ context, event }) => ({ ...context.period, invitedAt: event.at }) }) },
          {
            guard: 'renewable',
            actions: [
              assign({ period: ({ context, event }) => ({ ...context.period, invitedAt: event.at }) }),
              ...notify((context) => ({
                ...noticeBase(context),
                kind: 'renewal-invitation',
                permitValidUntil: context.permit.validUntil,
                deadline: calendarOf(context).deadline,
              })),
            ],
          },
          {
            // Restrictions drive behaviour: a permit that cannot be renewed gets an expiry notice, not an invitation.
            actions: [
              assign({ period: ({ context, event }) => ({ ...context.period, invitedAt: event.at }) }),
              ...notify((context) => {
                const { expiresAt } = calendarOf(context);
                return {
                  ...noticeBase(context),
                  kind: 'expiry',
                  renewable: false,
                  deadline: { due: context.permit.validUntil, dueAt: expiresAt, timeZone: zoneOf(context), citations: [procedureOfPermit(context).renewal.notRenewable(context.permit)] },
                };
              }),
            ],
          },
        ],
        'renewal-reminder.due': {
          guard: and(['renewable', not('renewalPending')]),
          actions: [
            assign({ period: ({ context, event }) => ({ ...context.period, remindedAt: event.at }) }),
            ...notify((context) => ({
              ...noticeBase(context),
              kind: 'renewal-reminder',
              permitValidUntil: context.permit.validUntil,
              deadline: calendarOf(context).deadline,
            })),
          ],
        },
        'permit.expired': [{ guard: 'renewable', target: '.lapsed' }, { target: '#permit.expired' }],
        'conversion.due': [
          {
            guard: 'inForce',
            actions: [
              assign({ conversion: ({ context }) => ({ ...context.conversion!, status: 'checking' as const }) }),
              {
                type: 'checkContraIndications',
                params: ({ context }) => ({
                  permitNumber: context.permit.permitNumber,
                  caseNumber: context.permit.caseNumber,
                  onDate: context.conversion!.dueOn,
                  grounds: [...conversionLaw(context)!.contraIndications],
                }),
              },
            ],
          },
          { actions: assign({ conversion: ({ context }) => ({ ...context.conversion!, status: 'not-in-force' as const }) }) },
        ],
        'contra-indications.checked': [
          // A pending renewal case stays where it is; otherwise the converted permit is simply valid.
          { guard: and(['noContraIndication', 'renewalPending']), actions: convert },
          { guard: 'noContraIndication', target: '.valid', actions: convert },
          {
            // A contra-indication stops the ex officio conversion: a caseworker decides (B16/7.1).
            actions: [
              assign({
                conversion: ({ context, event }) => ({
                  ...context.conversion!,
                  status: 'review' as const,
                  findings: (event as Extract<PermitEvent, { type: 'contra-indications.checked' }>).findings,
                  review: { key: `${context.permit.permitNumber}.conversion-review`, openedAt: event.at },
                }),
              }),
              {
                type: 'openContraIndicationReview',
                params: ({ context }) => ({
                  key: context.conversion!.review!.key,
                  permitNumber: context.permit.permitNumber,
                  caseNumber: context.permit.caseNumber,
                  onDate: context.conversion!.dueOn,
                  findings: context.conversion!.findings,
                }),
              },
            ],
          },
        ],
        'resolve-contra-indication': [
          { guard: and(['actorMayAct', 'contraIndicationUnderReview', 'decidedToConvert', 'renewalPending']), actions: convert },
          { guard: and(['actorMayAct', 'contraIndicationUnderReview', 'decidedToConvert']), target: '.valid', actions: convert },
          {
            guard: and(['actorMayAct', 'contraIndicationUnderReview']),
            actions: assign({
              conversion: ({ context, event }) => ({ ...context.conversion!, status: 'maintained' as const, resolution: { decision: event.decision, grounds: event.grounds, at: event.at } }),
            }),
          },
        ],
        'independence.due': {
          actions: [
            assign({ independence: ({ context, event }) => ({ ...context.independence!, notifiedAt: event.at }) }),
            ...notify((context) => ({
              ...noticeBase(context),
              kind: 'independent-permit',
              eligibleOn: context.independence!.eligibleOn,
              grounds: procedureOfPermit(context).milestones.independence(asGranted(context))?.grounds ?? [],
            })),
          ],
        },
        withdraw: {
          guard: and(['actorMayAct', 'noWithdrawalPending', 'withdrawalGroundAllowed']),
          actions: [
            assign({
              withdrawals: ({ context, event }) => {
                const withdrawnOn = dayOf(context, event.at);
                const { due, dueAt, timeZone, citations } = objectionPeriod(context.permit.jurisdiction, withdrawnOn);
                return [
                  ...context.withdrawals,
                  {
                    decidedAt: event.at,
                    withdrawnOn,
                    grounds: [withdrawalBasis(context.permit.jurisdiction), ...event.grounds],
                    objection: { due, dueAt, timeZone, citations },
                    lodgedOn: null,
                    outcome: null,
                  },
                ];
              },
            }),
            ...notify((context) => {
              const { withdrawnOn, grounds, objection } = pendingWithdrawal(context)!;
              return { ...noticeBase(context), kind: 'withdrawal', withdrawnOn, grounds, deadline: objection };
            }),
            // The withdrawal takes effect when it stands: no objection within the period, or the objection dismissed.
            { type: 'armTimer', params: ({ context }) => ({ timer: 'objection-period' as const, at: pendingWithdrawal(context)!.objection.dueAt, event: 'objection-period.expired' as const }) },
          ],
        },
        'lodge-objection': {
          guard: and(['actorMayAct', 'withdrawalToObjectTo', 'objectionInTime']),
          actions: [
            assign({ withdrawals: ({ context, event }) => [...context.withdrawals.slice(0, -1), { ...pendingWithdrawal(context)!, lodgedOn: event.receivedOn }] }),
            cancel('objection-period'),
          ],
        },
        'decide-objection': [
          { guard: and(['actorMayAct', 'objectionPending', 'wellFounded']), actions: decideObjection() },
          { guard: and(['actorMayAct', 'objectionPending']), target: '#permit.withdrawn', actions: decideObjection() },
        ],
        'objection-period.expired': '#permit.withdrawn',
      },
      states: {
        valid: {
          entry: syncPeriodTimers,
          on: { 'file-renewal': { guard: FILE_RENEWAL, target: 'renewalPending' } },
        },
        lapsed: {
          // A renewable permit that expired without a pending renewal: a late renewal is still a renewal for a while.
          entry: [
            assign({ period: ({ context, event }) => ({ ...context.period, expiredAt: context.period.expiredAt ?? atOf(context, event) }) }),
            cancel('renewal-reminder'),
            {
              type: 'armTimer',
              params: ({ context }) => ({
                timer: 'late-renewal' as const,
                at: endOfDay(addMonths(context.permit.validUntil, LATE_RENEWAL_MONTHS), zoneOf(context)),
                event: 'late-renewal.closed' as const,
              }),
            },
          ],
          exit: cancel('late-renewal'),
          on: {
            'file-renewal': { guard: FILE_RENEWAL, target: 'renewalPending' },
            'late-renewal.closed': '#permit.expired',
          },
        },
        renewalPending: {
          entry: [
            assign({
              renewals: ({ context, event }) => {
                const e = event as Extract<PermitActionEvent, { type: 'file-renewal' }>;
                const n = context.renewals.length + 1;
                return [
                  ...context.renewals,
                  {
                    n,
                    workflowId: `${context.permit.permitNumber}.renewal.${n}`,
                    caseNumber: `${context.permit.permitNumber}-R${n}`,
                    filedOn: e.filedOn,
                    filedAt: e.at,
                    ofValidUntil: context.permit.validUntil,
                    timing: renewalTiming(context.permit.jurisdiction, context.permit.validUntil, e.filedOn),
                    lateReason: e.lateReason ?? null,
                    lateness: null,
                    result: null,
                  },
                ];
              },
            }),
            cancel('renewal-reminder'),
            {
              type: 'startRenewalCase',
              params: ({ context, event }) => {
                const renewal = pendingRenewal(context)!;
                const { facts } = event as Extract<PermitActionEvent, { type: 'file-renewal' }>;
                return {
                  n: renewal.n,
                  workflowId: renewal.workflowId,
                  application: { caseNumber: renewal.caseNumber, contact: context.permit.holder, facts },
                  renewalOf: context.permit.permitNumber,
                };
              },
            },
          ],
          on: {
            // Lawful residence goes on while a renewal filed in time is decided (Vw 2000 art. 8(g); Immigration Act s. 61 sixth paragraph).
            'permit.expired': { actions: assign({ period: ({ context, event }) => ({ ...context.period, expiredAt: event.at }) }) },
            'assess-lateness': {
              guard: and(['actorMayAct', 'latenessToAssess']),
              actions: assign({
                renewals: ({ context, event }) => [
                  ...context.renewals.slice(0, -1),
                  { ...pendingRenewal(context)!, lateness: { excusable: event.excusable, grounds: event.grounds, assessedAt: event.at } },
                ],
              }),
            },
            'renewal-case.decided': [
              {
                guard: 'renewed',
                target: 'valid',
                actions: ['recordRenewalResult', 'renewTerms'],
              },
              { guard: 'expired', target: 'lapsed', actions: 'recordRenewalResult' },
              { target: 'valid', actions: 'recordRenewalResult' },
            ],
          },
        },
      },
    },
    expired: { type: 'final' },
    withdrawn: { type: 'final' },
  },
  output: ({ context }) => ({
    permitNumber: context.permit.permitNumber,
    ending: pendingWithdrawal(context) || context.withdrawals.at(-1)?.outcome?.outcome === 'unfounded' ? 'withdrawn' : 'expired',
    permit: context.permit,
    history: context.history,
    renewals: context.renewals,
    conversion: context.conversion,
    withdrawals: context.withdrawals,
  }),
});

function decideObjection() {
  return [
    'recordObjectionDecision' as const,
    ...notify((context) => {
      const { outcome } = context.withdrawals.at(-1)!;
      return { ...noticeBase(context), kind: 'objection-decision', outcome: outcome!.outcome, grounds: outcome!.grounds, decidedOn: dayOf(context, outcome!.decidedAt) };
    }),
  ];
}

export type PermitSnapshot = SnapshotFrom<typeof permitMachine>;

/** The innermost state, e.g. `valid`. */
export const stateOf = (snapshot: PermitSnapshot) => innermostState(snapshot);

/** The actions the permit accepts now; rules on an action's payload are checked when it is taken. */
export function allowedActions(snapshot: PermitSnapshot): PermitActionType[] {
  return offeredActions(snapshot, PERMIT_ACTION_TYPES, PERMIT_RULES, (type) => ({ type, at: '' }) as unknown as PermitActionEvent) as PermitActionType[];
}

/** Why `event` is refused in this snapshot, naming the state and the rule; null when accepted. */
export function rejectionOf(snapshot: PermitSnapshot, event: PermitActionEvent): string | null {
  return refusal(snapshot, event, allowedActions(snapshot), PERMIT_RULES);
}
