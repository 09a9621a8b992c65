/**
 * A residence permit as the office keeps it for its whole life, and the rules of its calendar:
 * when the holder is invited to renew, by when a renewal keeps lawful residence, what a late
 * renewal means, when the old-act estate permit converts, when a minor admitted for family
 * reunification meets art. 3.50's one-year condition, and on what grounds a permit is withdrawn.
 * Pure: zod and the legal calendar, every rule citing its source.
 */
import { z } from 'zod';
import { ApplicationFacts, LocalDateSchema } from './application';
import { NationalitySchema } from './application/common';
import { addDays, addMonths, addYears, applyPeriod, computeDeadline, endOfDay, officeTimeZone, type Jurisdiction, type LocalDate } from './calendar';
import { CaseNumberSchema, ContactSchema } from './case';
import { S38_LIMITATIONS } from './case-actions';
import { accessObstacle, ActorSchema, type Actor, type Role } from './roles';
import type { NoticeDeadline } from './notices';
import { CONTINUED_RESIDENCE, CONVERSION_BASIS, LABOUR_MARKET_NOTES, b16Withdrawal, estateConversionDate, moreThanOneYearOn } from './policy/nl-b16';
import { failedConditions } from './policy/registry';

export const OLD_ACT_ESTATE_RESTRICTION = 'afwikkeling nalatenschap oude Vreemdelingenwet';
export const CONTINUED_RESIDENCE_RESTRICTION = CONTINUED_RESIDENCE;

/** Office policy: the holder is reminded this many days before the renewal deadline. */
export const RENEWAL_REMINDER_DAYS = 14;
/** Office policy (NO): the holder is invited three months before expiry, as the Dutch window opens. */
export const NO_INVITATION_MONTHS = 3;
/** Office policy: a converted permit runs five years from conversion, the longest a regular fixed-term permit may run (Vb 2000 art. 3.64; to confirm). */
export const CONVERSION_VALIDITY_YEARS = 5;
/** Office policy: after expiry the file stays open this long for a late renewal; later, an application is a first application. */
export const LATE_RENEWAL_MONTHS = 12;

const S38 = 'Immigration Act (NO) s. 38 fifth paragraph';

/** The permit number: the file reference notices quote, and the stem of its renewal cases' numbers. */
export const PermitNumberSchema = CaseNumberSchema;

export const PermitSchema = z
  .strictObject({
    permitNumber: PermitNumberSchema,
    /** The application case that granted the permit. */
    caseNumber: CaseNumberSchema,
    jurisdiction: z.enum(['NL', 'NO']),
    holder: ContactSchema,
    nationality: NationalitySchema,
    /** The purpose the permit is granted for, e.g. 'voortgezet verblijf' (Vc B16/10). */
    restriction: z.string().trim().min(1, 'name the restriction the permit is granted under'),
    labourMarketNote: z.string().trim().min(1, 'state the labour-market note'),
    validFrom: LocalDateSchema,
    validUntil: LocalDateSchema,
    s38Limitations: z.array(z.enum(S38_LIMITATIONS)).default([]),
    grantedOn: LocalDateSchema,
    /** Vb 2000 art. 3.50: a holder admitted as a minor for family reunification. */
    admittedAsMinorForFamilyReunification: z.strictObject({ admittedOn: LocalDateSchema, dateOfBirth: LocalDateSchema }).optional(),
  })
  .refine((p) => p.validFrom < p.validUntil, { path: ['validUntil'], error: 'must be after validFrom (Vb 2000 art. 3.64)' })
  .refine((p) => p.s38Limitations.length === 0 || p.jurisdiction === 'NO', {
    path: ['s38Limitations'],
    error: `section 38 limitations (${S38}) apply only to Norwegian permits`,
  })
  .refine((p) => !p.s38Limitations.includes('validity-under-one-year') || addYears(p.validFrom, 1) > p.validUntil, {
    path: ['validUntil'],
    error: `a permit limited to less than one year (${S38}) must end within a year of validFrom`,
  });
export type PermitInput = z.input<typeof PermitSchema>;
export type Permit = z.output<typeof PermitSchema>;

/** What continue-as-new carries besides the permit: the runner's persisted machine (workflows/machine-runner). */
const PersistedMachineSchema = z.strictObject({
  value: z.union([z.string(), z.record(z.string(), z.json())]),
  context: z.json(),
  timers: z.record(z.string(), z.strictObject({ at: z.iso.datetime(), event: z.string() })),
});

export const PermitWorkflowInputSchema = z.strictObject({
  permit: PermitSchema,
  restore: PersistedMachineSchema.optional(),
  /** Notices that could not be delivered in earlier runs, carried for the operator. */
  deliveryProblems: z.array(z.strictObject({ noticeKey: z.string(), reason: z.string(), at: z.string() })).default([]),
});

export const isRenewable = (permit: Pick<Permit, 's38Limitations'>) => !permit.s38Limitations.includes('not-renewable');
export const NOT_RENEWABLE = `the permit was granted as not renewable (${S38})`;

/** The start of `date` in `timeZone`: the end of the day before. Timers for what happens "on" a day fire then. */

export interface RenewalCalendar {
  /** The day the holder is invited: the renewal window opens (NL), office policy (NO). */
  inviteOn: LocalDate;
  /** The last day a renewal keeps lawful residence without a gap (NL) or the right to stay (NO). */
  deadline: NoticeDeadline;
  /** The day the holder is reminded if no renewal has been filed. */
  remindOn: LocalDate;
  /** The permit's last instant. */
  expiresAt: string;
}

/** When to invite, by when to apply and when to remind, for a permit valid until `validUntil`. */
export function renewalCalendar(jurisdiction: Jurisdiction, validUntil: LocalDate): RenewalCalendar {
  const timeZone = officeTimeZone(jurisdiction);
  const expiresAt = endOfDay(validUntil, timeZone);
  let inviteOn: LocalDate;
  let deadline: NoticeDeadline;
  if (jurisdiction === 'NL') {
    inviteOn = computeDeadline({ jurisdiction, kind: 'renewal-window', from: validUntil }).due;
    deadline = {
      due: validUntil,
      dueAt: expiresAt,
      timeZone,
      citations: ['Vw 2000 art. 26 (a renewal filed after the permit expired gives a permit from the date of filing, unless the lateness cannot be held against the holder)'],
    };
  } else {
    inviteOn = addMonths(validUntil, -NO_INVITATION_MONTHS);
    const { due, dueAt, citations } = computeDeadline({ jurisdiction, kind: 'renewal', from: validUntil });
    deadline = { due, dueAt, timeZone, citations };
  }
  return { inviteOn, deadline, remindOn: addDays(deadline.due, -RENEWAL_REMINDER_DAYS), expiresAt };
}

/** What filing a renewal on `filedOn` means for the holder's residence. */
export type RenewalTiming =
  | { kind: 'too-early'; opensOn: LocalDate; citation: string }
  | { kind: 'in-time'; citation: string }
  /** NL: within four weeks after expiry; the new permit follows on without a gap. */
  | { kind: 'late-no-gap'; graceEnds: LocalDate; citation: string }
  /** NL: later; the gap is recorded and the reason for lateness assessed. */
  | { kind: 'late-gap'; gap: { from: LocalDate; to: LocalDate }; citation: string }
  /** NO: less than a month before expiry, or after; no right to stay while the application is pending. */
  | { kind: 'late-no-right-to-stay'; due: LocalDate; citation: string };

const LATE_RENEWAL_POLICY = 'Vw 2000 art. 26; IND policy on late renewal applications in force from 2022-07-01';

export function renewalTiming(jurisdiction: Jurisdiction, validUntil: LocalDate, filedOn: LocalDate): RenewalTiming {
  const calendar = renewalCalendar(jurisdiction, validUntil);
  if (jurisdiction === 'NO') {
    return filedOn <= calendar.deadline.due
      ? { kind: 'in-time', citation: calendar.deadline.citations[0]! }
      : { kind: 'late-no-right-to-stay', due: calendar.deadline.due, citation: calendar.deadline.citations.join('; ') };
  }
  if (filedOn < calendar.inviteOn) {
    return { kind: 'too-early', opensOn: calendar.inviteOn, citation: 'IND practice: a renewal may be filed from three months before the permit expires' };
  }
  if (filedOn <= validUntil) return { kind: 'in-time', citation: 'Vw 2000 art. 8(g) (lawful residence while the renewal is decided)' };
  // Four weeks counted from the day after expiry; by policy, so no Algemene termijnenwet extension.
  const graceEnds = applyPeriod({ jurisdiction, from: validUntil, length: { amount: 4, unit: 'weeks' }, direction: 'forward', extension: 'none' }).due;
  if (filedOn <= graceEnds) {
    return { kind: 'late-no-gap', graceEnds, citation: `${LATE_RENEWAL_POLICY} (filed within four weeks after expiry: the lateness is not held against the holder)` };
  }
  return {
    kind: 'late-gap',
    gap: { from: addDays(validUntil, 1), to: addDays(filedOn, -1) },
    citation: `${LATE_RENEWAL_POLICY} (filed more than four weeks after expiry: the new permit starts on the day of filing unless the lateness is excusable)`,
  };
}

/** Vc 2000 B16/7.1: the estate permit converts after one year; null when the permit is not one. */
export function conversionDate(permit: Pick<Permit, 'jurisdiction' | 'restriction' | 'validFrom'>): LocalDate | null {
  if (permit.jurisdiction !== 'NL' || permit.restriction !== OLD_ACT_ESTATE_RESTRICTION) return null;
  return estateConversionDate(permit.validFrom);
}

export const CONVERSION_GROUNDS = [
  `${CONVERSION_BASIS} (the permit "afwikkeling nalatenschap oude Vreemdelingenwet" is changed ex officio after one year, barring contra-indications, into a permit "voortgezet verblijf")`,
  `Vc 2000 B16/10 (restriction "voortgezet verblijf"; ${LABOUR_MARKET_NOTES.free})`,
];

/** The terms after conversion on `convertedOn` (B16/7.1, B16/10). */
export function convertedTerms(convertedOn: LocalDate) {
  return {
    restriction: CONTINUED_RESIDENCE_RESTRICTION,
    labourMarketNote: LABOUR_MARKET_NOTES.free,
    validFrom: convertedOn,
    validUntil: addDays(addYears(convertedOn, CONVERSION_VALIDITY_YEARS), -1),
  };
}

/** The contra-indications that stop an ex officio conversion (Vc 2000 B16/7.1), with their sources. */
export const CONTRA_INDICATIONS = {
  'public-order': 'Vc 2000 B16/7.1; Vb 2000 art. 3.86 and 3.87 (public order)',
  'main-residence-abroad': 'Vc 2000 B16/7.1 (main residence moved out of the Netherlands)',
  'incorrect-information': 'Vc 2000 B16/7.1; Vw 2000 art. 18(1)(c) (incorrect information given or information withheld)',
} as const;
export type ContraIndicationGround = keyof typeof CONTRA_INDICATIONS;
export const CONTRA_INDICATION_GROUNDS = Object.keys(CONTRA_INDICATIONS) as [ContraIndicationGround, ...ContraIndicationGround[]];

export const ContraIndicationFindingSchema = z.strictObject({
  ground: z.enum(CONTRA_INDICATION_GROUNDS),
  detail: z.string().trim().min(1, 'describe the finding'),
  recordedOn: LocalDateSchema,
});
export type ContraIndicationFinding = z.output<typeof ContraIndicationFindingSchema>;

/**
 * Vb 2000 art. 3.50 (Vc B16/2 sub b): a holder admitted as a minor for family reunification may
 * apply for continued residence once the permit has been held for longer than a year, also when
 * the holder came of age within that year.
 */
export function independenceDate(admission: { admittedOn: LocalDate; dateOfBirth: LocalDate }): LocalDate {
  return moreThanOneYearOn(admission.admittedOn);
}
export const INDEPENDENCE_GROUNDS = ['Vb 2000 art. 3.50; Vc 2000 B16/2 sub a and b (held, as a minor, a permit for family reunification, for longer than a year)'];

/** The one ground a permit is withdrawn on here; B16/8 bars the other. */
export const WITHDRAWAL_BASIS: Record<Jurisdiction, string> = {
  NL: 'Vw 2000 art. 18(1)(c) and 19 (incorrect information given or information withheld)',
  NO: 'Immigration Act (NO) s. 63 first paragraph (incorrect information given or information withheld)',
};
/** Why a withdrawal on `basis` is refused, naming the rule (NL: Vc 2000 B16/8); null when it may proceed. */
export function withdrawalObstacle(jurisdiction: Jurisdiction, basis: 'incorrect-information' | 'conditions-no-longer-met', onDate: LocalDate): string | null {
  if (jurisdiction === 'NL') {
    const failed = failedConditions(b16Withdrawal.evaluate({ basis }, onDate).conditions)[0];
    return failed ? `${b16Withdrawal.id}: ${failed.description} (${failed.paragraph})` : null;
  }
  return basis === 'incorrect-information' ? null : `a permit is withdrawn on the ground of ${WITHDRAWAL_BASIS.NO}, not because its conditions no longer hold`;
}

/** The objection (NL, Vw 2000 art. 69(1)) or appeal (NO, fvl. s. 29) period against a decision sent on `decidedOn`. */
export const objectionPeriod = (jurisdiction: Jurisdiction, decidedOn: LocalDate) =>
  computeDeadline({ jurisdiction, kind: jurisdiction === 'NL' ? 'objection' : 'appeal', from: decidedOn });

const texts = (what: string) => z.array(z.string().trim().min(1)).min(1, `name at least one ${what}`);
/** Every action names who takes it, as on an application (domain/roles). */
const action = <T extends { type: z.ZodLiteral<string> } & z.ZodRawShape>(shape: T) => z.strictObject({ ...shape, actor: ActorSchema });

/** The actions on a permit, as they arrive at the permit workflow's update; each parsed with zod. */
export const PermitActionSchema = z.discriminatedUnion('type', [
  action({
    type: z.literal('file-renewal'),
    /** The day the renewal application was received. */
    filedOn: LocalDateSchema,
    /** The facts the renewal case is assessed on. */
    facts: ApplicationFacts,
    /** Why the renewal comes more than four weeks after expiry (NL), for the caseworker to assess. */
    lateReason: z.string().trim().min(1).optional(),
  }),
  action({ type: z.literal('assess-lateness'), excusable: z.boolean(), grounds: texts('ground for the assessment') }),
  action({ type: z.literal('resolve-contra-indication'), decision: z.enum(['convert', 'maintain']), grounds: texts('ground for the decision') }),
  action({
    type: z.literal('withdraw'),
    basis: z.enum(['incorrect-information', 'conditions-no-longer-met']),
    grounds: texts('fact or rule the withdrawal rests on'),
  }),
  action({ type: z.literal('lodge-objection'), receivedOn: LocalDateSchema }),
  action({ type: z.literal('decide-objection'), outcome: z.enum(['well-founded', 'unfounded']), grounds: texts('ground for the decision') }),
]);
export type PermitAction = z.output<typeof PermitActionSchema>;
export type PermitActionInput = z.input<typeof PermitActionSchema>;
export type PermitActionType = PermitAction['type'];
export const PERMIT_ACTION_TYPES = PermitActionSchema.options.map((o) => o.shape.type.value) as PermitActionType[];

/** Who takes each permit action: the holder's own (a caseworker may record them on the holder's behalf), or staff. */
const PERMIT_ROLES: Record<PermitActionType, { roles: Role[]; holdersOwn?: true }> = {
  'file-renewal': { roles: ['applicant'], holdersOwn: true },
  'assess-lateness': { roles: ['caseworker'] },
  'resolve-contra-indication': { roles: ['caseworker'] },
  withdraw: { roles: ['caseworker'] },
  'lodge-objection': { roles: ['applicant'], holdersOwn: true },
  'decide-objection': { roles: ['caseworker'] },
};

/** Why `actor` may not take `type` on a permit; null when they may (the office access policy of domain/roles). */
export function permitRoleObstacle(type: PermitActionType, actor: Actor): string | null {
  const { roles, holdersOwn } = PERMIT_ROLES[type];
  return accessObstacle(type, { roles, partysOwn: holdersOwn === true }, actor, 'holder');
}
