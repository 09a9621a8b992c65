/** What every `/api/v1` route declares alike in the OpenAPI document. */
import { z } from 'zod';
import { ProblemSchema } from '../problems';

/** A bearer token or a session cookie. */
export const SECURITY: { [scheme: string]: string[] }[] = [{ bearer: [] }, { session: [] }];
/** The error answers, all RFC 9457 problems. */
export const PROBLEMS = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema };
/** A body whose fields a TypeScript type describes (CaseStatus, a deadline computation, a timeline). */
export const JSON_OBJECT = z.looseObject({});
