/** The permit machine's vocabulary: its events, effects, context, input and output. */
import type { LocalDate } from '../../domain/calendar';
import type { EffectOf, PermitEffects, RenewalCaseResult } from '../../domain/effects';
import type { NoticeDeadline } from '../../domain/notices';
import type { ContraIndicationFinding, Permit, PermitAction, RenewalTiming } from '../../domain/permit';

export type { ContraIndicationCheck, ContraIndicationReview, RenewalCaseRequest, RenewalCaseResult } from '../../domain/effects';

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
/** The event of one type. */
export type PermitEventOf<T extends PermitEvent['type']> = Extract<PermitEvent, { type: T }>;

export type TimerParams = { timer: PermitTimerId; at: string | null; event: PermitSystemEvent['type'] };
/** What the workflow must do in the world after a transition: the effects of domain/effects, and timers. */
export type PermitEffect =
  | EffectOf<PermitEffects>
  /** `at: null` disarms the timer. */
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
  /** Filed with a gap after expiry: whether the lateness is excusable (the procedure's latenessBasis, NL: Vw 2000 art. 26). */
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

export const FRESH_PERIOD: PermitContext['period'] = { invitedAt: null, remindedAt: null, expiredAt: null };
