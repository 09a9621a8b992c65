/**
 * `dossier status`: a case's status. It answers from the status the worker keeps in the work queue
 * (platform/kept-status.ts), as the HTTP API does, and asks the case through Temporal only where
 * that is not enough: no database here, no line for the case, a case that ended or whose status
 * depends on the clock, or `--live`. So the common call loads neither Temporal's client nor its
 * proto, and answers in a fraction of the time (bench:cli).
 */
import { loadConfig, type Config } from '../../platform/config';
import { codecFor } from '../../platform/data-converter';
import { openExistingDatabase } from '../../platform/database';
import { keptStatus } from '../../platform/kept-status';
import type { CaseStatus } from '../../workflows/definitions';
import { CASE_ID, parseCaseNumber } from '../case-id';
import { command } from '../command';

/** The payload converter alone (the SDK's default, as the worker's and the client's), without the rest of the SDK. */
const payloadConverter = () =>
  (require('@temporalio/common/lib/converter/payload-converter') as typeof import('@temporalio/common/lib/converter/payload-converter'))
    .defaultPayloadConverter;

/** The status the case's line keeps, or undefined when it must be asked (see above); a database that cannot answer is one of those. */
async function statusFromQueue(config: Config, caseNumber: string): Promise<CaseStatus | undefined> {
  const database = openExistingDatabase(config);
  if (!database) return undefined;
  try {
    return await keptStatus(database.db, { payloadConverter: payloadConverter(), payloadCodecs: [codecFor(config)] }, caseNumber);
  } catch {
    return undefined;
  } finally {
    await database.close();
  }
}

export const statusCommand = command({
  name: 'status',
  summary: 'The case: its state, deadlines and decision clock, assessment, and the actions it accepts now.',
  positionals: [CASE_ID],
  options: { live: { type: 'boolean', description: 'ask the case through Temporal, not the status its worker last kept in the database' } },
  async run({ args, options }) {
    const caseNumber = parseCaseNumber(args['CASE-ID']);
    const config = loadConfig();
    const kept = options.live ? undefined : await statusFromQueue(config, caseNumber);
    if (kept) return kept;
    const { withClient } = require('../client') as typeof import('../client');
    const { caseStatus } = require('../../platform/cases') as typeof import('../../platform/cases');
    return withClient(({ client }) => caseStatus(client, caseNumber));
  },
});
