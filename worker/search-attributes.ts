/** Registers the case search attributes in a namespace, so workflows can upsert them (idempotent). */
import type { Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { CASE_SEARCH_ATTRIBUTES } from '../workflows/search-attributes';

/** gRPC status ALREADY_EXISTS: the attributes were registered before. */
const ALREADY_EXISTS = 6;

const INDEXED_TYPE = {
  KEYWORD: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  DATETIME: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
  BOOL: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_BOOL,
} as const;

export async function ensureSearchAttributes(connection: Pick<Connection, 'operatorService'>, namespace: string): Promise<void> {
  const searchAttributes = Object.fromEntries(CASE_SEARCH_ATTRIBUTES.map((key) => [key.name, INDEXED_TYPE[key.type as keyof typeof INDEXED_TYPE]]));
  try {
    await connection.operatorService.addSearchAttributes({ namespace, searchAttributes });
  } catch (err) {
    if ((err as { code?: number }).code !== ALREADY_EXISTS) throw err;
  }
}
