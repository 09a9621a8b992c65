/** `/api/v1/deadline` and `/api/v1/assess`: the legal calendar and the policy packs, as `dossier deadline` and `dossier assess` give them. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ApplicationFacts, LocalDateSchema } from '../../domain/application';
import { CalendarInputError, computeDeadline, officeTimeZone, type PeriodKind } from '../../domain/calendar';
import type { LocalDate } from '../../domain/calendar/dates';
import { knownJurisdictions } from '../../domain/jurisdictions';
import { assess, packFor } from '../../domain/policy';
import { todayIn } from '../../platform/local-time';
import { principalIn, STAFF } from '../auth';
import { asJson, HttpProblem } from '../problems';
import { JSON_OBJECT, PROBLEMS, SECURITY } from './common';

const tags = ['law'];

export function toolRoutes(app: FastifyInstance): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/deadline',
    {
      schema: {
        tags,
        security: SECURITY,
        summary: 'Compute one legal deadline with its citations and every day moved',
        querystring: z.object({
          jurisdiction: z.string().describe(knownJurisdictions().join('|')),
          kind: z.string().describe('the period, e.g. objection, appeal, cure, decision'),
          from: LocalDateSchema.describe('the day the period runs from'),
          on: LocalDateSchema.optional().describe('apply the law in force on this date (default: from)'),
        }),
        response: { 200: JSON_OBJECT, ...PROBLEMS },
      },
    },
    async (request) => {
      principalIn(request, STAFF);
      const { jurisdiction, kind, from, on } = request.query;
      try {
        return asJson(computeDeadline({ jurisdiction: jurisdiction.toUpperCase() as never, kind: kind as PeriodKind, from, onDate: on }));
      } catch (err) {
        if (!(err instanceof CalendarInputError)) throw err;
        const field = err.field === 'onDate' ? 'on' : err.field;
        throw new HttpProblem(400, `${field}: ${err.message}`, { errors: [{ field: `querystring.${field}`, rule: err.message }] });
      }
    },
  );

  api.post(
    '/assess',
    {
      schema: {
        tags,
        security: SECURITY,
        summary: "Assess an application's facts under its jurisdiction's policy pack, on a date: outcome, grounds, the version of each rule",
        body: z.strictObject({
          facts: ApplicationFacts,
          on: LocalDateSchema.optional().describe('the date of the assessment (default: today in the office time zone)'),
          all: z.boolean().default(false).describe('add every rule in force, with all its conditions'),
        }),
        response: { 200: JSON_OBJECT, ...PROBLEMS },
      },
    },
    async (request) => {
      principalIn(request, STAFF);
      const { facts, on, all } = request.body;
      const { evaluated, ...assessment } = assess(facts, (on ?? todayIn(officeTimeZone(facts.jurisdiction))) as LocalDate);
      return asJson({ text: packFor(facts.jurisdiction).text, ...assessment, ...(all ? { evaluated } : {}) });
    },
  );
}
