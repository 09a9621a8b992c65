/** How every boundary reports bad input: a zod error as `field: rule` lines. Light to load (zod only), for the command line's start. */
import type { z } from 'zod';

/** Zod issues as `field: rule` lines, the form every boundary reports bad input in. */
export function issueLines(error: z.ZodError, prefix = ''): string[] {
  return error.issues.map((issue) => {
    const keys = issue.code === 'unrecognized_keys' ? ` (${issue.keys.join(', ')})` : '';
    const path = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
    return `${path || '(input)'}: ${issue.message}${keys}`;
  });
}

export const describeIssues = (error: z.ZodError, prefix = '') => issueLines(error, prefix).join('\n');
