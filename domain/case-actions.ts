/**
 * The actions caseworkers and applicants take on an application, as they arrive at the workflow's
 * `act` update: each parsed with zod, so a bad payload is rejected with the field and the rule.
 * `type` is the action's name on the command line (`dossier act CASE-ID TYPE JSON`).
 */
import { z } from 'zod';
import { LocalDateSchema } from './application/common';
import { ActorSchema } from './roles';

const texts = (what: string) => z.array(z.string().trim().min(1)).min(1, `name at least one ${what}`);
const grounds = texts('rule the decision rests on (e.g. "Vb 2000 art. 3.51 lid 1 sub a")');

/** The exception grounds on which an applicant entitled under Vb 2000 art. 3.50 may still be refused. */
export const EXCEPTION_GROUNDS = {
  'incorrect-information': 'Vb 2000 art. 3.50 lid 2 sub a (incorrect or withheld information)',
  'national-security': 'Vb 2000 art. 3.50 lid 2 sub b (danger to national security)',
  'public-order': 'Vb 2000 art. 3.50 lid 2 sub c; art. 3.86 and 3.87 (public order)',
  'main-residence-abroad': 'Vb 2000 art. 3.50 lid 2 sub d (main residence moved abroad)',
} as const;
export type ExceptionGround = keyof typeof EXCEPTION_GROUNDS;

/** What the contra-indication register records against a permit (the grounds a conversion is checked for are the pack's). */
export const CONTRA_INDICATION_GROUNDS = ['public-order', 'main-residence-abroad', 'incorrect-information'] as const;
export type ContraIndicationGround = (typeof CONTRA_INDICATION_GROUNDS)[number];

/** Section 38 (fifth paragraph) restrictions that may be attached to a Norwegian permit. */
export const S38_LIMITATIONS = ['no-basis-for-permanent-permit', 'no-basis-for-family-members', 'not-renewable', 'validity-under-one-year'] as const;
export type S38Limitation = (typeof S38_LIMITATIONS)[number];

export const PermitTermsSchema = z
  .strictObject({
    /** The purpose the permit is granted for, e.g. 'voortgezet verblijf' (Vc B16/10). */
    restriction: z.string().trim().min(1, 'name the restriction the permit is granted under'),
    /** Vc B16/10: e.g. 'arbeid vrij toegestaan; TWV niet vereist'. */
    labourMarketNote: z.string().trim().min(1, 'state the labour-market note'),
    validFrom: LocalDateSchema,
    validUntil: LocalDateSchema,
    s38Limitations: z.array(z.enum(S38_LIMITATIONS)).default([]),
  })
  .refine((p) => p.validFrom < p.validUntil, { path: ['validUntil'], error: 'must be after validFrom (Vb 2000 art. 3.64)' });
export type PermitTerms = z.output<typeof PermitTermsSchema>;

/** The types of document an applicant may upload (platform/documents.ts DOCUMENT_TYPES, judged by content). */
export const DOCUMENT_FILE_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;

/**
 * A document that came with an action, as the case records it: its SHA-256 (its address in the
 * document store), name, type and size; never its content. Optional on the actions that take it, so
 * histories recorded before documents were uploaded still replay.
 */
export const DocumentFileSchema = z.strictObject({
  hash: z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 hash, 64 lowercase hex digits'),
  name: z.string().min(1, 'name the file').max(200, 'at most 200 characters'),
  type: z.enum(DOCUMENT_FILE_TYPES),
  size: z.number().int('must be whole bytes').min(1, 'must be at least 1 byte'),
});
export type DocumentFile = z.output<typeof DocumentFileSchema>;
const files = z.array(DocumentFileSchema).max(20, 'at most 20 files').optional();

/** Every action names who takes it (and in which role): the history shows each action with its actor. */
const action = <T extends { type: z.ZodLiteral<string> } & z.ZodRawShape>(shape: T) => z.strictObject({ ...shape, actor: ActorSchema });

export const CaseActionSchema = z.discriminatedUnion('type', [
  action({ type: z.literal('confirm-complete') }),
  action({ type: z.literal('request-evidence'), missing: texts('missing document') }),
  action({ type: z.literal('extend-cure-period'), until: LocalDateSchema, reason: z.string().trim().min(1, 'give the reason for the extension') }),
  action({ type: z.literal('supply-evidence'), documents: texts('document'), files }),
  action({ type: z.literal('proceed-without-evidence') }),
  action({ type: z.literal('declare-not-processed'), reason: z.string().trim().min(1, 'give the reason') }),
  action({
    type: z.literal('request-ambtsbericht'),
    /** The country-of-origin factors the report must address (Vc B16/7, factors a to c). */
    factors: z.array(z.enum(['a', 'b', 'c'])).min(1, 'name at least one factor (a, b or c)'),
    questions: texts('question for the ministry'),
  }),
  action({
    type: z.literal('record-report'),
    reference: z.string().trim().min(1, "give the ministry's reference"),
    summary: z.string().trim().min(1, 'summarise the report'),
  }),
  action({ type: z.literal('record-best-interests'), assessment: z.string().trim().min(20, 'write the best-interests assessment (at least 20 characters)') }),
  action({ type: z.literal('grant'), grounds, permit: PermitTermsSchema }),
  action({ type: z.literal('refuse'), grounds, exceptionGround: z.enum(Object.keys(EXCEPTION_GROUNDS) as [ExceptionGround, ...ExceptionGround[]]).optional() }),
  action({ type: z.literal('record-default-notice'), receivedOn: LocalDateSchema }),
  action({
    type: z.literal('lodge-objection'),
    receivedOn: LocalDateSchema,
    /** The applicant's reasons, when lodged through the applicant's page (a caseworker records a letter's date only). */
    reasons: z.string().trim().min(1, 'give your reasons').max(20_000, 'at most 20,000 characters').optional(),
    files,
  }),
  action({ type: z.literal('decide-objection'), outcome: z.enum(['well-founded', 'unfounded']), grounds }),
  action({ type: z.literal('withdraw') }),
]);
export type CaseAction = z.output<typeof CaseActionSchema>;
export type CaseActionInput = z.input<typeof CaseActionSchema>;
export type CaseActionType = CaseAction['type'];
export const CASE_ACTION_TYPES = CaseActionSchema.options.map((o) => o.shape.type.value) as CaseActionType[];
