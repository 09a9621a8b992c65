/**
 * Which pack serves a jurisdiction code. The shipped packs, one per code of JURISDICTIONS, are
 * typed `Record<Jurisdiction, JurisdictionPack>`, so adding a code to the list makes the compiler
 * ask for its pack here. Another pack may be registered at start-up (an extension, or a test's
 * fictitious jurisdiction): every lookup of the calendar, the procedure and the policy goes through
 * `jurisdictionPack`, so machines and workflows never name a jurisdiction.
 *
 * The shipped packs are read when first asked for, not at import: the packs import the calendar,
 * which looks up packs here, and a lazy table lets either side load first.
 */
import { JURISDICTIONS, type Jurisdiction } from './codes';
import type { JurisdictionPack } from './types';
import { nl } from './nl';
import { no } from './no';

export { JURISDICTIONS, type Jurisdiction } from './codes';
export type * from './types';

const shipped = (): Record<Jurisdiction, JurisdictionPack> => ({ NL: nl, NO: no });

const registered = new Map<string, JurisdictionPack>();

/** Adds a jurisdiction (its code must not be taken). For extensions and tests; shipped packs are in JURISDICTIONS. */
export function registerJurisdiction(pack: JurisdictionPack): void {
  if (isJurisdiction(pack.code)) throw new Error(`jurisdiction ${pack.code} is already known`);
  if (!/^[A-Z]{2}$/.test(pack.code)) throw new Error(`a jurisdiction code is two capitals, got "${pack.code}"`);
  registered.set(pack.code, pack);
}

/** Every jurisdiction known now: the shipped ones, then those registered. */
export const knownJurisdictions = (): string[] => [...JURISDICTIONS, ...registered.keys()];

export const isJurisdiction = (code: string): code is Jurisdiction => knownJurisdictions().includes(code);

/** The pack of `code`; an unknown code is a defect of the caller (input is checked at the boundary with `isJurisdiction`). */
export function jurisdictionPack(code: string): JurisdictionPack {
  const pack = (shipped() as Record<string, JurisdictionPack>)[code] ?? registered.get(code);
  if (!pack) throw new RangeError(`unknown jurisdiction "${code}"; known: ${knownJurisdictions().join(', ')}`);
  return pack;
}

export const procedureOf = (code: string) => jurisdictionPack(code).procedure;
