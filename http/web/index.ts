/** The caseworker web app (pages under `/`). */
import type { FastifyInstance } from 'fastify';
import type { ApiContext } from '../server';

export function webRoutes(_app: FastifyInstance, _context: ApiContext): void {}
