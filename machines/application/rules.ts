/**
 * The rules the application machine's guards apply, each named after what the law requires and
 * citing the article of the case's jurisdiction (its procedure, domain/jurisdictions). Who may take
 * an action is the office's access policy (domain/roles), checked first.
 */
import { localDateOf, officeTimeZone } from '../../domain/calendar';
import { procedureOf } from '../../domain/jurisdictions';
import type { ExceptionGround } from '../../domain/case-actions';
import { roleObstacle } from '../../domain/roles';
import type { LawRules } from '../guards';
import type { ActionEvent, ApplicationContext } from './types';

export const jurisdictionOf = (context: ApplicationContext) => context.application.facts.jurisdiction;
export const procedureOfCase = (context: ApplicationContext) => procedureOf(jurisdictionOf(context));
export const zoneOf = (context: ApplicationContext) => officeTimeZone(jurisdictionOf(context));
export const dayOf = (context: ApplicationContext, at: string) => localDateOf(at, zoneOf(context));

/** The findings of the stored assessment that the rules read (each policy pack fills its own). */
const findingsOf = (context: ApplicationContext) =>
  (context.assessment?.findings ?? {}) as { bestInterestsFundamental?: boolean; possibleRestrictions?: string[]; exceptionGrounds?: ExceptionGround[] };

const bestInterestsBasis = (context: ApplicationContext) =>
  procedureOfCase(context).bestInterests?.basis ?? "no best-interests assessment is asked by this jurisdiction's law";

export const APPLICATION_RULES = {
  actorMayAct: { refuses: (_, event) => roleObstacle(event.type, event.actor) },

  cureExtendedLater: {
    refuses: (context, event) => {
      const due = context.evidenceRequest?.deadline.due;
      return event.type === 'extend-cure-period' && due && event.until <= due
        ? `the new cure deadline ${event.until} must be later than the current one, ${due}`
        : null;
    },
  },

  notProcessedByLaw: {
    caseOnly: true,
    refuses: (context) =>
      procedureOfCase(context).notProcessed ? null : "this jurisdiction's law has no decision not to process an application; decide on the evidence available",
  },

  notProcessedInTime: {
    refuses: (context, event) => {
      const law = procedureOfCase(context).notProcessed;
      return law && context.notProcessedBy && dayOf(context, event.at) > context.notProcessedBy
        ? `a decision not to process must be sent by ${context.notProcessedBy} (${law.basis}); decide on the evidence available`
        : null;
    },
  },

  firstCountryReport: {
    caseOnly: true,
    refuses: (context) => (context.report ? `an ambtsbericht was already requested for this case; ${procedureOfCase(context).countryReportOnce}` : null),
  },

  caseConcernsChildren: {
    caseOnly: true,
    refuses: (context) =>
      findingsOf(context).bestInterestsFundamental
        ? null
        : `a best-interests assessment is recorded in a case concerning children (${bestInterestsBasis(context)}); the assessment finds none`,
  },

  bestInterestsRecorded: {
    caseOnly: true,
    refuses: (context) =>
      findingsOf(context).bestInterestsFundamental === true && !context.bestInterests
        ? `the case concerns children: record the best-interests assessment first (record-best-interests; ${bestInterestsBasis(context)})`
        : null,
  },

  restrictionsFounded: {
    refuses: (context, event) => {
      if (event.type !== 'grant' || event.permit.s38Limitations.length === 0) return null;
      const law = procedureOfCase(context).permitRestrictions;
      if (!law) return "this jurisdiction's law allows no restriction of the permit (s38Limitations)";
      const possible = findingsOf(context).possibleRestrictions ?? [];
      const unfounded = event.permit.s38Limitations.filter((l) => !law.allowed.includes(l) || !possible.includes(l));
      return unfounded.length
        ? `a restriction (${unfounded.join(', ')}) may be decided only when there is doubt about identity, ` +
            `the need is temporary or other particular grounds so indicate (${law.basis}); the assessment finds none`
        : null;
    },
  },

  entitledNeedsExceptionGround: {
    refuses: (context, event) => {
      if (event.type !== 'refuse' || context.assessment?.outcome !== 'entitled') return null;
      const law = procedureOfCase(context).exceptionGrounds;
      const allowed = findingsOf(context).exceptionGrounds ?? (Object.keys(law?.grounds ?? {}) as ExceptionGround[]);
      if (event.exceptionGround && allowed.includes(event.exceptionGround)) return null;
      return (
        `the assessment finds the applicant entitled (${context.assessment.summary}); ` +
        'a refusal must rest on one of the exception grounds the text allows for this route: ' +
        `${allowed.join(', ') || 'none'} (${law?.basis ?? 'the route the assessment grants on'})`
      );
    },
  },

  decisionPeriodEnded: {
    caseOnly: true,
    refuses: (context) => {
      const penalty = procedureOfCase(context).decisionPeriod?.penalty;
      if (!penalty) return "this jurisdiction's law attaches no penalty to a late decision";
      return context.overdueSince ? null : `${penalty.noticeOfDefault}; the case is not overdue`;
    },
  },

  objectionInTime: {
    refuses: (context, event) => {
      const deadline = context.objection?.deadline;
      return event.type === 'lodge-objection' && deadline && event.receivedOn > deadline.due
        ? `the ${procedureOfCase(context).remedy.kind} period ended on ${deadline.due} (${deadline.citations[0]}); ` +
            `an ${procedureOfCase(context).remedy.kind} received on ${event.receivedOn} is late`
        : null;
    },
  },
} satisfies LawRules<ApplicationContext, ActionEvent>;
