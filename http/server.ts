/**
 * The office's front door: the HTTP API under `/api/v1` (its OpenAPI 3.1 document generated from
 * the zod schemas at `/api/openapi.json`, browsable at `/api/docs`) and the caseworker web app,
 * served by one Fastify instance over one Temporal client and one accounts database.
 */
import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { Client } from '@temporalio/client';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Accounts } from '../platform/accounts';
import type { Db } from '../platform/database';
import type { Config } from '../platform/config';
import { caseRoutes } from './api/cases';
import { permitRoutes } from './api/permits';
import { sessionRoutes } from './api/session';
import { toolRoutes } from './api/tools';
import { authenticate, LoginThrottle, type CookieOptions } from './auth';
import { registerOidc } from './oidc';
import { problem, problemFor, sendProblem } from './problems';
import { webRoutes } from './web';

export interface ApiContext {
  client: Client;
  config: Config;
  /** The database: the work queue is paged from it (platform/case-queue.ts). */
  db: Db;
  accounts: Accounts;
  cookies: CookieOptions;
  throttle: LoginThrottle;
}

export interface ServerOptions {
  client: Client;
  config: Config;
  db: Db;
  accounts: Accounts;
  /** Fastify's logger: JSON lines at `info` by default; tests pass a stream or false. */
  logger?: FastifyServerOptions['logger'];
}

export async function buildServer({ client, config, db, accounts, logger = { level: 'info' } }: ServerOptions): Promise<FastifyInstance> {
  const context: ApiContext = {
    client,
    config,
    db,
    accounts,
    cookies: { secure: config.DOSSIER_PUBLIC_URL?.startsWith('https:') ?? false, hours: config.DOSSIER_SESSION_HOURS },
    throttle: new LoginThrottle(),
  };
  // maxParamLength: an applicant link's token (/a/:token, platform/links.ts) is about 120 characters and may be up to 1024; the default is 100.
  const app = Fastify({ logger, trustProxy: context.cookies.secure, bodyLimit: 1024 * 1024, routerOptions: { maxParamLength: 1100 } });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler((err, request, reply) => sendProblem(reply, problemFor(err, request)));
  app.setNotFoundHandler((request, reply) => sendProblem(reply, problem(404, `no route ${request.method} ${request.url.split('?')[0]}`)));

  await app.register(fastifyCookie);
  await app.register(fastifyFormbody);
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'dossier', version: '1', description: 'Residence-permit cases: open, find, read and work them; the law in every deadline.' },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'a token from `dossier tokens create`' },
          session: { type: 'apiKey', in: 'cookie', name: 'dossier_session', description: 'a login; send x-csrf-token with every change' },
        },
      },
    },
    // The document describes the API; the web app's pages are not part of it.
    transform: (route) => (route.url.startsWith('/api/v1/') ? jsonSchemaTransform(route) : { schema: { ...route.schema, hide: true }, url: route.url }),
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  authenticate(app, accounts);
  await registerOidc(app, context);
  await app.register(
    async (v1) => {
      sessionRoutes(v1, context);
      caseRoutes(v1, context);
      permitRoutes(v1, context);
      toolRoutes(v1);
    },
    { prefix: '/api/v1' },
  );
  await app.register(async (web) => webRoutes(web, context));
  return app;
}
