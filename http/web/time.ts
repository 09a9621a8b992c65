/** Instants as the office reads them: in the time zone of the case's jurisdiction, with the zone named. */
import { officeTimeZone } from '../../domain/calendar';
import { isJurisdiction } from '../../domain/jurisdictions';
import { localTime } from '../../platform/local-time';
import { type Html, html } from './html';

/** The office's zone for a jurisdiction; UTC for one this office does not know (it is then named as such). */
export const zoneOf = (jurisdiction: string | null | undefined): string =>
  jurisdiction && isJurisdiction(jurisdiction) ? officeTimeZone(jurisdiction) : 'UTC';

/** `<time>` with the local time; `named` adds the zone after it. */
export function timeIn(iso: string | null | undefined, zone: string, named = false): Html {
  if (!iso) return html`-`;
  return html`<time datetime="${iso}">${localTime(iso, zone)}</time>${named ? html` <span class="zone">${zone}</span>` : ''}`;
}
