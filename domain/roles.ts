/**
 * Who may take which action on a case (office access policy). Every action names its actor and
 * role; an action that belongs to the applicant (supplying evidence, withdrawing, objecting) may be
 * recorded by a caseworker only when the caseworker says so (`onBehalfOf: 'applicant'`), e.g. for
 * documents that came in by post.
 */
import { z } from 'zod';

export const ROLES = ['caseworker', 'applicant', 'operator'] as const;
export type Role = (typeof ROLES)[number];

export const ActorSchema = z.strictObject({
  /** The person's id in the office's directory, or the applicant's portal account; never a name. */
  id: z.string().regex(/^[A-Za-z0-9._@-]{1,64}$/, 'an actor id is 1-64 letters, digits and . _ @ -'),
  role: z.enum(ROLES),
  /** A caseworker recording the applicant's own action (post, desk) says so. */
  onBehalfOf: z.literal('applicant').optional(),
});
export type Actor = z.infer<typeof ActorSchema>;

type Permission = { roles: Role[]; applicantsOwn?: true };

/** The applicant's own actions, and the staff actions with the roles that may take them. */
export const PERMISSIONS = {
  'confirm-complete': { roles: ['caseworker'] },
  'request-evidence': { roles: ['caseworker'] },
  'extend-cure-period': { roles: ['caseworker', 'operator'] },
  'supply-evidence': { roles: ['applicant'], applicantsOwn: true },
  'proceed-without-evidence': { roles: ['caseworker'] },
  'declare-not-processed': { roles: ['caseworker'] },
  'request-ambtsbericht': { roles: ['caseworker'] },
  'record-report': { roles: ['caseworker'] },
  'record-best-interests': { roles: ['caseworker'] },
  grant: { roles: ['caseworker'] },
  refuse: { roles: ['caseworker'] },
  'record-default-notice': { roles: ['caseworker', 'operator'] },
  'lodge-objection': { roles: ['applicant'], applicantsOwn: true },
  'decide-objection': { roles: ['caseworker'] },
  withdraw: { roles: ['applicant'], applicantsOwn: true },
} satisfies Record<string, Permission>;

export type PermittedAction = keyof typeof PERMISSIONS;

/** Why `actor` may not take `action`; null when they may. */
export function roleObstacle(action: PermittedAction, actor: Actor): string | null {
  const permission: Permission = PERMISSIONS[action];
  return accessObstacle(action, { roles: permission.roles, partysOwn: permission.applicantsOwn === true }, actor, 'applicant');
}

/**
 * The office access policy for any kind of file: `roles` may take `action`; an action that is the
 * party's own (the applicant's, the permit holder's) a caseworker records only on their behalf.
 */
export function accessObstacle(
  action: string,
  permission: { roles: readonly Role[]; partysOwn: boolean },
  actor: Actor,
  party: 'applicant' | 'holder',
): string | null {
  if (actor.onBehalfOf) {
    return permission.partysOwn && actor.role === 'caseworker'
      ? null
      : `only a caseworker records the ${party}'s own action on their behalf, and "${action}" ${permission.partysOwn ? 'is one' : 'is not one'}`;
  }
  if (permission.roles.includes(actor.role)) return null;
  if (permission.partysOwn && actor.role === 'caseworker') {
    return `"${action}" is the ${party}'s action: a caseworker records it only on the ${party}'s behalf, saying so (actor.onBehalfOf: "applicant")`;
  }
  return `"${action}" may not be taken by the ${actor.role}; it is taken by: ${permission.roles.join(', ')}`;
}
