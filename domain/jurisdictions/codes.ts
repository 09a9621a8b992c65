/**
 * The jurisdictions dossier ships, by the code every record carries (`facts.jurisdiction`,
 * `permit.jurisdiction`, the case number's prefix). The one list: each code needs its pack in
 * domain/jurisdictions/registry.ts, and the compiler names the code that has none.
 */
export const JURISDICTIONS = ['NL', 'NO'] as const;
export type Jurisdiction = (typeof JURISDICTIONS)[number];
