/** What a case's decision leaves behind: the permit a grant creates, and the penalty a late decision owes. */
import type { LocalDate } from '../../domain/calendar';
import type { PenaltyComputation } from '../../domain/decision-clock';
import { permitNumberOf, type PermitInput } from '../../domain/permit';
import { dayOf, procedureOfCase } from './rules';
import type { ApplicationContext, Decision } from './types';

/** The permit a grant creates: its number derives from the case number, its terms from the decision, and what the law makes it remember from the facts. */
export function permitOf(context: ApplicationContext, decision: Extract<Decision, { outcome: 'granted' }>): PermitInput {
  const { caseNumber, contact, facts } = context.application;
  return {
    permitNumber: permitNumberOf(caseNumber),
    caseNumber,
    jurisdiction: facts.jurisdiction,
    holder: contact,
    nationality: facts.applicant.nationality,
    restriction: decision.permit.restriction,
    labourMarketNote: decision.permit.labourMarketNote,
    validFrom: decision.permit.validFrom,
    validUntil: decision.permit.validUntil,
    s38Limitations: decision.permit.s38Limitations,
    grantedOn: dayOf(context, decision.decidedAt),
    ...procedureOfCase(context).milestones.atGrant(facts),
  };
}

/** The penalty owed for not deciding in time, as of an instant: after a notice of default, until the decision (where the law has one). */
export function penaltyOf(context: ApplicationContext, asOf: string | null): PenaltyComputation | null {
  const penalty = procedureOfCase(context).decisionPeriod?.penalty;
  if (!penalty || !context.defaultNotice || !asOf) return null;
  return penalty.compute(context.defaultNotice.receivedOn as LocalDate, dayOf(context, asOf));
}
