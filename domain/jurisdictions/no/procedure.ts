/**
 * Norway's procedural law, as the machines apply it: no fixed decision period (forvaltningsloven
 * § 11a asks for a decision without undue delay), an appeal within three weeks (§ 29), the best
 * interests of the child and the restrictions of Immigration Act s. 38 (third and fifth
 * paragraphs), renewal (s. 61 sixth paragraph) and withdrawal (s. 63).
 */
import { addDays, addMonths, computeDeadline, endOfDay, type LocalDate } from '../../calendar';
import { S38_LIMITATIONS } from '../../case-actions';
import type { Procedure, RenewalCalendar, RenewalTiming } from '../types';

const TIME_ZONE = 'Europe/Oslo';
const S38 = 'Immigration Act (NO) s. 38';
const WITHDRAWAL_BASIS = 'Immigration Act (NO) s. 63 first paragraph (incorrect information given or information withheld)';

/** Office policy: the holder is invited three months before expiry, and reminded two weeks before the renewal deadline. */
const INVITATION_MONTHS = 3;
const RENEWAL_REMINDER_DAYS = 14;

function renewalCalendar(validUntil: LocalDate): RenewalCalendar {
  const { due, dueAt, citations } = computeDeadline({ jurisdiction: 'NO', kind: 'renewal', from: validUntil });
  return {
    inviteOn: addMonths(validUntil, -INVITATION_MONTHS),
    deadline: { due, dueAt, timeZone: TIME_ZONE, citations },
    remindOn: addDays(due, -RENEWAL_REMINDER_DAYS),
    expiresAt: endOfDay(validUntil, TIME_ZONE),
  };
}

function renewalTiming(validUntil: LocalDate, filedOn: LocalDate): RenewalTiming {
  const { deadline } = renewalCalendar(validUntil);
  return filedOn <= deadline.due
    ? { kind: 'in-time', citation: deadline.citations[0]! }
    : { kind: 'late-no-right-to-stay', due: deadline.due, citation: deadline.citations.join('; ') };
}

export const NO_PROCEDURE: Procedure = {
  decisionPeriod: null,
  notProcessed: null,
  countryReportOnce: 'office policy: one country report per case (Norwegian law sets no decision period that a report would extend)',
  remedy: { kind: 'appeal', period: 'appeal' },
  exceptionGrounds: null,
  bestInterests: { basis: `${S38} third paragraph` },
  permitRestrictions: { allowed: S38_LIMITATIONS, basis: `${S38} fifth paragraph` },
  renewal: {
    calendar: renewalCalendar,
    timing: renewalTiming,
    latenessBasis: null,
    notRenewable: () => `the permit was granted as not renewable (${S38} fifth paragraph)`,
  },
  withdrawal: {
    basis: WITHDRAWAL_BASIS,
    obstacle: (basis) =>
      basis === 'incorrect-information' ? null : `a permit is withdrawn on the ground of ${WITHDRAWAL_BASIS}, not because its conditions no longer hold`,
  },
  milestones: {
    atGrant: () => ({}),
    conversion: () => null,
    independence: () => null,
  },
};
