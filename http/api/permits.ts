/** `/api/v1/permits`: list, show, history and actions of granted permits. */
import type { FastifyInstance } from 'fastify';
import type { ApiContext } from '../server';

export function permitRoutes(_app: FastifyInstance, _context: ApiContext): void {}
