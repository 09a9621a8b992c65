/** What every pack's `LetterLaw.cite` shares: telling a rule from the office's own notes, and a rule from its explanation. */

/** Statements that are the office's own, not law (policy, practice, notes on an extension): never quoted to an applicant. */
export const INTERNAL_NOTE = /office policy|practice|IND policy|to (be )?confirm|to be verified|extended by|caseworker|operator|\bnot applied\b/i;

/** The rule itself, without the pack's explanation: "Awb 4:5(1)(c) (explanation)" and "Awb 1:3(3): explanation" → "Awb 4:5(1)(c)", "Awb 1:3(3)". */
export const bareCitation = (citation: string) =>
  citation
    .replace(/\s+\(.*$/s, '')
    .replace(/:\s.*$/s, '')
    .trim();

/** "the permit was granted as not renewable (Immigration Act (NO) s. 38 fifth paragraph)": an explanation with its rule in brackets → the rule. */
export function ruleInBrackets(citation: string): string {
  const m = /^[a-z][^(]*\((.+)\)$/.exec(citation);
  return m && /§|\bs\. \d|\bart\. \d|\b\d+:\d+/.test(m[1]!) ? m[1]! : citation;
}
