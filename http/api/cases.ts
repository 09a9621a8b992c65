/**
 * `/api/v1/cases`: everything the CLI does with cases, for the office's systems and the web app.
 * Request shapes are the domain's zod schemas; the actor of an action is always the authenticated
 * principal, never a field of the request.
 */
import { Client } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { applicationSchema, CaseNumberSchema } from '../../domain/case';
import { CASE_ACTION_TYPES, CaseActionSchema, type CaseAction } from '../../domain/case-actions';
import { roleObstacle, type Actor, type PermittedAction } from '../../domain/roles';
import type { Principal } from '../../platform/accounts';
import { CaseFilterFields, toCaseFilter, yesNo } from '../../platform/case-list';
import { queuePage, readCaseStatus, runningInQueue } from '../../platform/case-queue';
import { actOnCase, bulkAct, bulkActionFor, caseHistory, isNarrowFilter, submitCase } from '../../platform/cases';
import { actionBody, actionWith, actorFor } from '../actions';
import { principalIn, STAFF } from '../auth';
import { asJson, HttpProblem } from '../problems';
import type { ApiContext } from '../server';
import { JSON_OBJECT, PROBLEMS, SECURITY } from './common';

const ActionBody = actionBody(CaseActionSchema);
const caseActionObstacle = (type: string, actor: Actor) => roleObstacle(type as PermittedAction, actor);

/** The action of a request body with the principal as its actor. */
export const caseActionOf = (body: Record<string, unknown>, actor: Actor): CaseAction => actionWith(CaseActionSchema, body, actor);

/** A client on the same connection that reports `principal`, and the door they came through, as its identity to Temporal. */
export const clientActingAs = (client: Client, principal: Principal, via: 'HTTP API' | 'web app' = 'HTTP API') =>
  new Client({
    connection: client.connection,
    namespace: client.options.namespace,
    dataConverter: client.options.dataConverter,
    identity: `${principal.role}:${principal.id} (${via})`,
  });

const CaseParams = z.object({ caseNumber: CaseNumberSchema });
const Page = {
  page: z.coerce.number().int().min(1, 'pages count from 1').default(1),
  pageSize: z.coerce.number().int().min(1, 'at least 1').max(500, 'at most 500').default(50),
};
/** A case's status; every field is described by the CaseStatus type in workflows/definitions.ts. */
const StatusSchema = z
  .looseObject({
    caseNumber: z.string(),
    jurisdiction: z.string(),
    state: z.string(),
    allowedActions: z.array(z.string()),
    nextDeadline: z.string().nullable(),
  })
  .describe('the case: state, deadlines, decision clock, assessment, decision, allowed actions (CaseStatus)');
const CaseRowSchema = z.object({
  caseNumber: z.string(),
  state: z.string().nullable(),
  jurisdiction: z.string().nullable(),
  nextDeadline: z.string().nullable(),
  overdue: z.boolean(),
  execution: z.string(),
  startedAt: z.string(),
});
const tags = ['cases'];

export function caseRoutes(app: FastifyInstance, { client, config, db }: ApiContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post(
    '/cases',
    {
      schema: {
        tags,
        security: SECURITY,
        summary: 'Open a case for an application (idempotent by caseNumber: 201 when opened, 200 with the existing case)',
        body: applicationSchema(),
        response: { 200: StatusSchema.extend({ created: z.boolean() }), 201: StatusSchema.extend({ created: z.boolean() }), ...PROBLEMS },
      },
    },
    async (request, reply) => {
      const principal = principalIn(request, STAFF);
      // The case's history names who opened it: the principal, as the start's client identity.
      const { created, status } = await submitCase(clientActingAs(client, principal), config.TEMPORAL_TASK_QUEUE, request.body);
      return reply.code(created ? 201 : 200).send(asJson({ created, ...status }));
    },
  );

  api.get(
    '/cases',
    {
      schema: {
        tags,
        security: SECURITY,
        summary: 'Find cases by state, jurisdiction, next deadline and overdue; soonest deadline first, in pages',
        querystring: CaseFilterFields.extend(Page).extend({ mine: yesNo.describe('only the cases the caller last acted on as caseworker') }),
        response: { 200: z.object({ total: z.number(), page: z.number(), pageSize: z.number(), cases: z.array(CaseRowSchema) }), ...PROBLEMS },
      },
    },
    async (request) => {
      const principal = principalIn(request, STAFF);
      const { page, pageSize, mine, ...filter } = request.query;
      return { page, pageSize, ...(await queuePage(db, toCaseFilter(filter), page, pageSize, { caseworker: mine ? principal.id : undefined })) };
    },
  );

  api.get(
    '/cases/:caseNumber',
    {
      schema: {
        tags,
        security: SECURITY,
        summary: "A case's status: state, deadlines, decision clock, assessment, allowed actions",
        params: CaseParams,
        response: { 200: StatusSchema, ...PROBLEMS },
      },
    },
    async (request) => {
      principalIn(request, STAFF);
      return asJson(await readCaseStatus(client, db, request.params.caseNumber));
    },
  );

  api.post(
    '/cases/:caseNumber/actions',
    {
      schema: {
        tags,
        security: SECURITY,
        summary: `Take an action on a case (${CASE_ACTION_TYPES.join(', ')}); 409 with the state and reason when the case refuses it`,
        params: CaseParams,
        body: ActionBody,
        response: { 200: StatusSchema, ...PROBLEMS },
      },
    },
    async (request) => {
      const body = request.body as Record<string, unknown> & { type: string };
      const action = caseActionOf(body, actorFor(request, body.type, body.onBehalfOf, caseActionObstacle));
      return asJson(await actOnCase(client, request.params.caseNumber, action));
    },
  );

  api.get(
    '/cases/:caseNumber/history',
    {
      schema: {
        tags,
        security: SECURITY,
        summary: "The case's history as a timeline: who did what, when, on which legal basis (with `events=true`, the decoded events too)",
        params: CaseParams,
        querystring: z.object({ events: z.enum(['true', 'false']).default('false') }),
        response: { 200: JSON_OBJECT, ...PROBLEMS },
      },
    },
    async (request) => {
      principalIn(request, STAFF);
      const { caseNumber, entries, events } = await caseHistory(client, request.params.caseNumber);
      return asJson({ caseNumber, entries, ...(request.query.events === 'true' ? { events } : {}) });
    },
  );

  api.post(
    '/cases/bulk-actions',
    {
      schema: {
        tags,
        security: SECURITY,
        summary: 'Take one action on every matching running case; `dryRun` lists what would happen and sends nothing',
        body: z.strictObject({
          filter: CaseFilterFields,
          action: ActionBody,
          byDays: z.number().int().min(1).max(999).optional().describe("extend-cure-period only: move each case's own cure deadline by this many days"),
          limit: z.number().int().min(1).max(10_000).default(1000),
          dryRun: z.boolean().default(false),
        }),
        response: { 200: JSON_OBJECT, ...PROBLEMS },
      },
    },
    async (request) => {
      const { filter: fields, action: body, byDays, limit, dryRun } = request.body;
      const filter = toCaseFilter(fields);
      if (!isNarrowFilter(filter)) {
        throw new HttpProblem(400, 'name at least one of state, jurisdiction, deadlineBefore, overdue', {
          errors: [{ field: 'body.filter', rule: 'acting on every case at once needs a narrower filter' }],
        });
      }
      if (byDays !== undefined && body.type !== 'extend-cure-period') {
        throw new HttpProblem(400, 'byDays is only for extend-cure-period', { errors: [{ field: 'body.byDays', rule: 'only for extend-cure-period' }] });
      }
      const template = body as Record<string, unknown> & { type: string };
      const actor = actorFor(request, template.type, template.onBehalfOf, caseActionObstacle);
      // The payload is checked once before any case is touched: a mistake in it should not become N rejections.
      caseActionOf(bulkActionFor({ state: '', deadlines: { cure: { due: '2000-01-01' } } } as never, template, byDays ?? null), actor);
      const matching = await runningInQueue(db, filter, limit);
      return asJson(await bulkAct(client, matching, (status) => caseActionOf(bulkActionFor(status, template, byDays ?? null), actor), dryRun));
    },
  );
}
