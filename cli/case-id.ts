/** CASE-ID, the first argument of every command on one case, and its check. */
import { CaseNumberSchema } from '../domain/case-number';
import { UsageError } from './command';

export const CASE_ID = { name: 'CASE-ID', description: 'a case number, e.g. NL-20261123-1A2B3C4D' } as const;

export function parseCaseNumber(value: string): string {
  const parsed = CaseNumberSchema.safeParse(value);
  if (!parsed.success) throw new UsageError(`CASE-ID: ${parsed.error.issues[0]!.message}`);
  return parsed.data;
}
