/**
 * Search attributes of a case, for listing cases in Temporal visibility. They are stored
 * unencrypted, so they hold no personal data: state, jurisdiction, next deadline, overdue flag.
 */
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

export const CASE_STATE = defineSearchAttributeKey('DossierState', SearchAttributeType.KEYWORD);
export const CASE_JURISDICTION = defineSearchAttributeKey('DossierJurisdiction', SearchAttributeType.KEYWORD);
/** The earliest legal deadline the case is waiting on (cure, decision or objection period). */
export const CASE_NEXT_DEADLINE = defineSearchAttributeKey('DossierNextDeadline', SearchAttributeType.DATETIME);
export const CASE_OVERDUE = defineSearchAttributeKey('DossierOverdue', SearchAttributeType.BOOL);

export const CASE_SEARCH_ATTRIBUTES = [CASE_STATE, CASE_JURISDICTION, CASE_NEXT_DEADLINE, CASE_OVERDUE];

/** `--search-attribute` arguments for `temporal server start-dev`. */
export const devServerSearchAttributeArgs = () =>
  CASE_SEARCH_ATTRIBUTES.flatMap((key) => [
    '--search-attribute',
    `${key.name}=${{ KEYWORD: 'Keyword', DATETIME: 'Datetime', BOOL: 'Bool' }[key.type as 'KEYWORD' | 'DATETIME' | 'BOOL']}`,
  ]);
