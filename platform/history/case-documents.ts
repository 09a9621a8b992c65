/**
 * The documents a case holds: the files recorded with its accepted actions (supply-evidence,
 * lodge-objection; domain/case-actions.ts `files`), each with who uploaded it and when. The case
 * records only each file's hash, name, type and size; the content is in the document store
 * (platform/documents.ts), addressed by the hash. Pure: decoded history events in.
 */
import { DocumentFileSchema, type DocumentFile } from '../../domain/case-actions';
import type { DecodedEvent } from './decode';
import { actorOf } from './timeline';

export interface CaseDocument extends DocumentFile {
  /** The action that brought it: `supply-evidence` or `lodge-objection`. */
  action: string;
  /** Who uploaded it, as the history shows (e.g. `applicant (via link)`). */
  by: string;
  /** When the action was accepted, ISO 8601. */
  at: string;
}

/** Every file of an action the case accepted (a failed update records nothing), in the order received. */
export function caseDocuments(events: readonly DecodedEvent[]): CaseDocument[] {
  const accepted = new Map<string, Extract<DecodedEvent, { kind: 'updateAccepted' }>>();
  const documents: CaseDocument[] = [];
  for (const e of events) {
    if (e.kind === 'updateAccepted') accepted.set(e.updateId, e);
    if (e.kind !== 'updateCompleted' || e.failure) continue;
    const request = accepted.get(e.updateId);
    const action = request?.args[0] as (Record<string, unknown> & { type?: string; files?: unknown }) | undefined;
    if (!request || !action || !Array.isArray(action.files)) continue;
    for (const file of action.files) {
      const parsed = DocumentFileSchema.safeParse(file);
      if (parsed.success) documents.push({ ...parsed.data, action: String(action.type), by: actorOf(action, request.identity), at: request.time });
    }
  }
  return documents;
}
