/**
 * Who acts from the command line: `--as ROLE:ID` (add `:on-behalf` for a caseworker recording the
 * applicant's own action), else DOSSIER_ACTOR in the same form, else the caseworker logged in.
 */
import { userInfo } from 'node:os';
import { ActorSchema, type Actor } from '../domain/roles';
import { describeIssues } from '../domain/case';
import { UsageError } from './command';

export function actorFrom(option: string | undefined, env: NodeJS.ProcessEnv = process.env): Actor {
  const source = option !== undefined ? '--as' : env.DOSSIER_ACTOR ? 'DOSSIER_ACTOR' : undefined;
  const spec = option ?? env.DOSSIER_ACTOR ?? `caseworker:${userInfo().username}`;
  const [role, id, behalf, ...rest] = spec.split(':');
  if (rest.length > 0 || (behalf !== undefined && behalf !== 'on-behalf')) {
    throw new UsageError(`${source ?? 'actor'}: "${spec}" is not ROLE:ID or caseworker:ID:on-behalf`);
  }
  const parsed = ActorSchema.safeParse({ role, id, ...(behalf ? { onBehalfOf: 'applicant' } : {}) });
  if (!parsed.success) throw new UsageError(`${source ?? 'actor'}: ${describeIssues(parsed.error)}`);
  return parsed.data;
}
