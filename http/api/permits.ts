/** `/api/v1/permits`: find granted permits, read one and its history, take an action on it. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PERMIT_ACTION_TYPES, PermitActionSchema, permitRoleObstacle, type PermitActionType } from '../../domain/permit';
import { actOnPermit, listPermits, parsePermitFilter, PERMIT_STATES, permitHistory, permitStatus } from '../../platform/permits';
import { actionBody, actionWith, actorFor } from '../actions';
import { principalIn, STAFF } from '../auth';
import { asJson, HttpProblem } from '../problems';
import type { ApiContext } from '../server';
import { JSON_OBJECT, PROBLEMS, SECURITY } from './common';

const PermitParams = z.object({
  id: z.string().min(1).max(80).describe('the permit\'s workflow id ("<case>.permit") or the number of the case that granted it'),
});
const StatusSchema = z
  .looseObject({ permitNumber: z.string(), caseNumber: z.string(), jurisdiction: z.string(), state: z.string(), allowedActions: z.array(z.string()) })
  .describe('the permit: state, validity, renew-by, renewals, conversion, withdrawals, timers (PermitStatus)');
const RowSchema = z.object({
  workflowId: z.string(),
  permitNumber: z.string().nullable(),
  caseNumber: z.string(),
  jurisdiction: z.string().nullable(),
  state: z.string().nullable(),
  validUntil: z.string().nullable(),
  expiresAt: z.string().nullable(),
  renewBy: z.string().nullable(),
  execution: z.string(),
  startedAt: z.string(),
  problem: z.string().nullable(),
});
const tags = ['permits'];
const permitObstacle = (type: string, actor: Parameters<typeof permitRoleObstacle>[1]) => permitRoleObstacle(type as PermitActionType, actor);

export function permitRoutes(app: FastifyInstance, { client }: ApiContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/permits',
    {
      schema: {
        tags,
        security: SECURITY,
        summary: 'Find permits by state and jurisdiction, soonest renew-by (else expiry) first',
        querystring: z.object({
          state: z
            .union([z.string(), z.array(z.string())])
            .optional()
            .describe(`comma-separated, of ${PERMIT_STATES.join(', ')}`),
          jurisdiction: z.string().optional(),
          running: z.enum(['true', 'false']).default('false'),
          limit: z.coerce.number().int().min(1).max(10_000).default(1000),
        }),
        response: { 200: z.object({ permits: z.array(RowSchema) }), ...PROBLEMS },
      },
    },
    async (request) => {
      principalIn(request, STAFF);
      const { limit, running, ...rest } = request.query;
      const filter = parsePermitFilter({ ...rest, running: running === 'true' });
      if (!filter.ok) {
        const errors = filter.issues.map((line) => {
          const [field, ...rule] = line.split(': ');
          return { field: `querystring.${field}`, rule: rule.join(': ') };
        });
        throw new HttpProblem(400, filter.issues.join('; '), { errors });
      }
      return { permits: await listPermits(client, filter.value, limit) };
    },
  );

  api.get(
    '/permits/:id',
    { schema: { tags, security: SECURITY, summary: "A permit's status", params: PermitParams, response: { 200: StatusSchema, ...PROBLEMS } } },
    async (request) => {
      principalIn(request, STAFF);
      return asJson(await permitStatus(client, request.params.id));
    },
  );

  api.get(
    '/permits/:id/history',
    {
      schema: {
        tags,
        security: SECURITY,
        summary: "The permit's history over all its runs (renewals, conversions) as a timeline",
        params: PermitParams,
        response: { 200: JSON_OBJECT, ...PROBLEMS },
      },
    },
    async (request) => {
      principalIn(request, STAFF);
      const { runs: _runs, ...history } = await permitHistory(client, request.params.id);
      return asJson(history);
    },
  );

  api.post(
    '/permits/:id/actions',
    {
      schema: {
        tags,
        security: SECURITY,
        summary: `Take an action on a permit (${PERMIT_ACTION_TYPES.join(', ')}): file a renewal, record a contra-indication review, withdraw, …`,
        params: PermitParams,
        body: actionBody(PermitActionSchema),
        response: { 200: StatusSchema, ...PROBLEMS },
      },
    },
    async (request) => {
      const body = request.body as Record<string, unknown> & { type: string };
      const action = actionWith(PermitActionSchema, body, actorFor(request, body.type, body.onBehalfOf, permitObstacle));
      return asJson(await actOnPermit(client, request.params.id, action));
    },
  );
}
