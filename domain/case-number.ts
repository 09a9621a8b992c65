/** The case number, in a module of its own so that a command on one case loads zod and nothing more to check it. */
import { z } from 'zod';

/** The office's case number; also the Temporal workflow id, so it carries no personal data. */
export const CaseNumberSchema = z
  .string()
  .regex(/^[A-Z]{2}-[0-9A-Z]{4,12}(-[0-9A-Z]{1,12})*$/, 'a case number looks like NL-2026-000123: capitals, digits and dashes');
