/**
 * The facts an assessment reads, for every jurisdiction: a union discriminated by `jurisdiction`,
 * so Dutch facts can never be handed to the Norwegian rules or carry Norwegian fields. Built once,
 * at import, for the CLI, the permit and the tests, from the shipped jurisdictions (a pack
 * registered at start-up comes later than this import); workflow code that parses facts only once
 * builds its own with `applicationFactsSchema()`, from every pack known then, and lets it go.
 */
import type { z } from 'zod';
import { shippedFactsSchema } from './schema';

export const ApplicationFacts = shippedFactsSchema();
export type ApplicationFacts = z.infer<typeof ApplicationFacts>;
export type Jurisdiction = ApplicationFacts['jurisdiction'];

export interface Problem {
  /** Where in the input, e.g. `permits[2].to`; `(root)` for the document itself. */
  path: string;
  message: string;
}

export type ParseResult = { ok: true; value: ApplicationFacts } | { ok: false; problems: Problem[] };

/** Parses untrusted input; on failure returns every problem, each with its path. */
export function parseApplicationFacts(input: unknown): ParseResult {
  const result = ApplicationFacts.safeParse(input);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, problems: result.error.issues.flatMap(toProblems) };
}

function toProblems(issue: z.core.$ZodIssue): Problem[] {
  // One problem per unknown key, so the path names the offending field itself.
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({ path: formatPath([...issue.path, key]), message: 'is not a known field' }));
  }
  const message = issue.code === 'invalid_type' && /received undefined$/.test(issue.message) ? `is required (expected ${issue.expected})` : issue.message;
  return [{ path: formatPath(issue.path), message }];
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out || '(root)';
}
