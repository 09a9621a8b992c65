/**
 * What enters a case: the application as the office receives it. Parsed with zod at every
 * boundary (CLI, workflow input, update validators); the actions taken on a case are in
 * `case-actions.ts`.
 */
import { z } from 'zod';
import { applicationFactsSchema } from './application/schema';
import { CaseNumberSchema } from './case-number';

export const LanguageSchema = z.enum(['nl', 'en', 'no']);

export { CaseNumberSchema };
export { describeIssues, issueLines } from './issues';

/** How the office reaches the applicant: what a notice needs, nothing more. */
export const ContactSchema = z.strictObject({
  name: z.string().trim().min(1, 'the applicant needs a name'),
  email: z.email('must be an e-mail address'),
  language: LanguageSchema.default('en'),
  /** The applicant's file number with the immigration authorities, quoted in every letter: a V-nummer (NL, 10 digits) or a DUF number (NO, 12 digits). */
  fileNumber: z
    .string()
    .trim()
    .regex(/^(\d{10}|\d{12})$/, 'must be a V-nummer (10 digits) or a DUF number (12 digits)')
    .optional(),
});
export type Contact = z.output<typeof ContactSchema>;

/**
 * Builds the schema of an application. A function, not built at import: the case workflow parses
 * its application once, at its start, and lets the schema go, instead of keeping the facts schemas
 * of both jurisdictions for as long as the case is cached (see application/nl.ts).
 */
export const applicationSchema = () =>
  z.strictObject({
    /** Given by the intake desk; when absent, `dossier submit` assigns one. Resubmitting with it returns the existing case. */
    caseNumber: CaseNumberSchema.optional(),
    contact: ContactSchema,
    /** The facts the policy rules read; `facts.jurisdiction` chooses the jurisdiction (NL or NO). */
    facts: applicationFactsSchema(),
  });
export type ApplicationInput = z.input<ReturnType<typeof applicationSchema>>;
/** An application as a case holds it: the case number is set (it is the workflow id). */
export const caseApplicationSchema = () => applicationSchema().required({ caseNumber: true });
export type Application = z.output<ReturnType<typeof applicationSchema>>;
export type Jurisdiction = Application['facts']['jurisdiction'];
