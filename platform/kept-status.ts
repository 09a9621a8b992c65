/**
 * The status a case's line in the work queue keeps (platform/case-queue.ts): sealed by the payload
 * codec when the worker writes it, opened when a reader finds it. Light to load, so that `dossier
 * status` answers from the line without loading Temporal's client (nor its proto: the payload's
 * wire format is ./payload-wire.ts).
 */
import type { LoadedDataConverter } from '@temporalio/common';
import type { CaseStatus } from '../workflows/definitions';
import type { Db } from './database';
import { decodePayload, encodePayload } from './payload-wire';

/** What seals and opens a status: a data converter's payload converter and codecs (a `LoadedDataConverter` is one). */
export type StatusSealer = Pick<LoadedDataConverter, 'payloadConverter' | 'payloadCodecs'>;

/**
 * The status as the data converter encodes a workflow's data (its codecs encrypt it), as base64
 * text. The codecs run in order to seal and in reverse to open, as the SDK's `encodeToPayload` and
 * `decodeOptionalSinglePayload` run them; those load all of the SDK's proto.
 */
export async function sealStatus(sealer: StatusSealer, status: CaseStatus): Promise<string> {
  let payloads = [sealer.payloadConverter.toPayload(status)];
  for (const codec of sealer.payloadCodecs) payloads = await codec.encode(payloads);
  return Buffer.from(encodePayload(payloads[0]!)).toString('base64');
}

async function openStatus(sealer: StatusSealer, sealed: string): Promise<CaseStatus> {
  let payloads = [decodePayload(Buffer.from(sealed, 'base64'))];
  for (const codec of [...sealer.payloadCodecs].reverse()) payloads = await codec.decode(payloads);
  return sealer.payloadConverter.fromPayload<CaseStatus>(payloads[0]!);
}

/** Only a converter that encrypts may keep a status: the database never holds it in clear. */
export const seals = (sealer: StatusSealer) => sealer.payloadCodecs.length > 0;

/**
 * The status a running case's line keeps, opened, unless it depends on the clock alone: the
 * penalty owed after a notice of default grows by the day, so such a case must be asked
 * (`readCaseStatus` in ./case-queue.ts).
 */
export async function keptStatus(db: Db, sealer: StatusSealer, caseNumber: string): Promise<CaseStatus | undefined> {
  if (!seals(sealer)) return undefined;
  const row = await db.selectFrom('caseQueue').select(['status', 'execution']).where('caseNumber', '=', caseNumber).executeTakeFirst();
  if (!row?.status || row.execution !== 'RUNNING') return undefined;
  const status = await openStatus(sealer, row.status);
  return status.defaultNotice === null ? status : undefined;
}
