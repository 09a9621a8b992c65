/**
 * A residence permit as the office keeps it for its whole life: its shape, the actions on it and
 * who takes them, and the office's own policies. The law of its calendar (renewal, conversion,
 * withdrawal, the remedy against a decision) is its jurisdiction's procedure (domain/jurisdictions),
 * reached through the functions below. Pure: zod and the legal calendar.
 */
import { z } from 'zod';
import { ApplicationFacts, LocalDateSchema } from './application';
import { NationalitySchema } from './application/common';
import { addYears, computeDeadline, type Jurisdiction, type LocalDate } from './calendar';
import { CaseNumberSchema, ContactSchema } from './case';
import { CONTRA_INDICATION_GROUNDS, S38_LIMITATIONS } from './case-actions';
import { isJurisdiction, knownJurisdictions, procedureOf } from './jurisdictions/registry';
import type { RenewalCalendar, RenewalTiming } from './jurisdictions/types';
import { accessObstacle, ActorSchema, type Actor, type Role } from './roles';

export type { RenewalCalendar, RenewalTiming } from './jurisdictions/types';
export { OLD_ACT_ESTATE_RESTRICTION } from './jurisdictions/nl';
export { CONTINUED_RESIDENCE as CONTINUED_RESIDENCE_RESTRICTION } from './policy/nl-b16';

/** Office policy: after expiry the file stays open this long for a late renewal; later, an application is a first application. */
export const LATE_RENEWAL_MONTHS = 12;

/** The name of the permit workflow type and a permit's workflow id: a permit per grant, named after its case. */
export const PERMIT_WORKFLOW = 'permitWorkflow';
export const permitWorkflowId = (caseNumber: string) => `${caseNumber}.permit`;

/** The permit number: the file reference notices quote, and the stem of its renewal cases' numbers. */
export const PermitNumberSchema = CaseNumberSchema;
/** The number of the permit a case's grant creates. */
export const permitNumberOf = (caseNumber: string) => `${caseNumber}-P1`;
/** Whether a file reference is a permit's number (a permit's notices quote it), not a case's. */
export const isPermitNumber = (reference: string) => /-P\d+$/.test(reference);

export const PermitSchema = z
  .strictObject({
    permitNumber: PermitNumberSchema,
    /** The application case that granted the permit. */
    caseNumber: CaseNumberSchema,
    jurisdiction: z.custom<Jurisdiction>((code) => typeof code === 'string' && isJurisdiction(code), {
      error: () => `must be a known jurisdiction (${knownJurisdictions().join(', ')})`,
    }),
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
  .superRefine((p, ctx) => {
    // What restrictions a permit may carry is its jurisdiction's law.
    if (p.s38Limitations.length === 0 || !isJurisdiction(p.jurisdiction)) return;
    const law = procedureOf(p.jurisdiction).permitRestrictions;
    const unknown = p.s38Limitations.filter((l) => !law?.allowed.includes(l));
    if (unknown.length) {
      const lawOf = (l: (typeof unknown)[number]) =>
        knownJurisdictions()
          .map((j) => procedureOf(j).permitRestrictions)
          .find((r) => r?.allowed.includes(l))?.basis;
      const named = unknown.map((l) => `${l} (${lawOf(l) ?? 'no law'})`).join(', ');
      ctx.addIssue({ code: 'custom', path: ['s38Limitations'], message: `${p.jurisdiction} law allows no restriction ${named} on a ${p.jurisdiction} permit` });
    } else if (p.s38Limitations.includes('validity-under-one-year') && addYears(p.validFrom, 1) <= p.validUntil) {
      ctx.addIssue({
        code: 'custom',
        path: ['validUntil'],
        message: `a permit limited to less than one year (${law!.basis}) must end within a year of validFrom`,
      });
    }
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

/** What starts a permit's workflow: the permit as granted (`restore` is the workflow's own, for continue-as-new). */
export type PermitWorkflowStart = Pick<z.input<typeof PermitWorkflowInputSchema>, 'permit'>;

export const isRenewable = (permit: Pick<Permit, 's38Limitations'>) => !permit.s38Limitations.includes('not-renewable');

/** When to invite, by when to apply and when to remind, for a permit valid until `validUntil` (its jurisdiction's procedure). */
export const renewalCalendar = (jurisdiction: Jurisdiction, validUntil: LocalDate): RenewalCalendar => procedureOf(jurisdiction).renewal.calendar(validUntil);

/** What filing a renewal on `filedOn` means for the holder's residence (its jurisdiction's procedure). */
export const renewalTiming = (jurisdiction: Jurisdiction, validUntil: LocalDate, filedOn: LocalDate): RenewalTiming =>
  procedureOf(jurisdiction).renewal.timing(validUntil, filedOn);

export { CONTRA_INDICATION_GROUNDS, type ContraIndicationGround } from './case-actions';

export const ContraIndicationFindingSchema = z.strictObject({
  ground: z.enum(CONTRA_INDICATION_GROUNDS),
  detail: z.string().trim().min(1, 'describe the finding'),
  recordedOn: LocalDateSchema,
});
export type ContraIndicationFinding = z.output<typeof ContraIndicationFindingSchema>;

/** The ground a permit is withdrawn on (its jurisdiction's procedure). */
export const withdrawalBasis = (jurisdiction: Jurisdiction) => procedureOf(jurisdiction).withdrawal.basis;

/** Why a withdrawal on `basis` is refused, naming the rule; null when it may proceed (its jurisdiction's procedure). */
export const withdrawalObstacle = (jurisdiction: Jurisdiction, basis: 'incorrect-information' | 'conditions-no-longer-met', onDate: LocalDate): string | null =>
  procedureOf(jurisdiction).withdrawal.obstacle(basis, onDate);

/** The period to object to (or appeal) a decision sent on `decidedOn`: its jurisdiction's remedy. */
export const objectionPeriod = (jurisdiction: Jurisdiction, decidedOn: LocalDate) =>
  computeDeadline({ jurisdiction, kind: procedureOf(jurisdiction).remedy.period, from: decidedOn });

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
