/**
 * What enters a case: the application as the office receives it, and the actions that caseworkers
 * and applicants take on it. Parsed with zod at every boundary (CLI, workflow update validators).
 */
import { z } from 'zod';
import { isLocalDate } from './calendar/dates';

export const JurisdictionSchema = z.enum(['NL', 'NO']);
export const LanguageSchema = z.enum(['nl', 'en', 'no']);

/** The office's case number; also the Temporal workflow id, so it carries no personal data. */
export const CaseNumberSchema = z
  .string()
  .regex(/^[A-Z]{2}-[0-9A-Z]{4,12}(-[0-9A-Z]{1,12})*$/, 'a case number looks like NL-2026-000123: capitals, digits and dashes');

export const ApplicationSchema = z.strictObject({
  /** Given by the intake desk; when absent, `dossier submit` assigns one. Resubmitting with it returns the existing case. */
  caseNumber: CaseNumberSchema.optional(),
  jurisdiction: JurisdictionSchema,
  /** The residence purpose applied for, e.g. `continued-residence` (Vb 2000 art. 3.50-3.52) or `strong-humanitarian-grounds` (Immigration Act s. 38). */
  category: z.string().trim().min(1, 'name the category applied for'),
  applicant: z.strictObject({
    name: z.string().trim().min(1, 'the applicant needs a name'),
    email: z.email('must be an e-mail address'),
    language: LanguageSchema.default('en'),
  }),
});
export type ApplicationInput = z.input<typeof ApplicationSchema>;
export type Application = z.output<typeof ApplicationSchema>;
export type Jurisdiction = z.infer<typeof JurisdictionSchema>;

const documents = z.array(z.string().trim().min(1)).min(1, 'name at least one document');

/** Actions a caseworker takes on a case; `type` is the action's name on the command line. */
export const CaseActionSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('confirm-complete') }),
  z.strictObject({ type: z.literal('request-evidence'), missing: documents }),
  z.strictObject({ type: z.literal('supply-evidence'), documents }),
  z.strictObject({
    type: z.literal('decide'),
    outcome: z.enum(['granted', 'refused']),
    /** The rules the decision rests on, e.g. `Vb 2000 art. 3.51 lid 1 sub a`. */
    grounds: z.array(z.string().trim().min(1)).min(1, 'a decision cites at least one rule'),
  }),
]);
export type CaseAction = z.infer<typeof CaseActionSchema>;
export type CaseActionType = CaseAction['type'];
export const CASE_ACTION_TYPES = CaseActionSchema.options.map((o) => o.shape.type.value) as CaseActionType[];

/** Formats zod issues as `field: rule` lines, the form every boundary reports bad input in. */
export function describeIssues(error: z.ZodError, prefix = ''): string {
  return error.issues
    .map((issue) => {
      const path = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
      return `${path || '(input)'}: ${issue.message}`;
    })
    .join('\n');
}

export const LocalDateSchema = z.string().refine(isLocalDate, 'must be a calendar date YYYY-MM-DD');
