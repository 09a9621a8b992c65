/**
 * What a Norwegian letter states besides the rule it rests on: the information on appeal that
 * forvaltningsloven § 27 third paragraph asks of a decision (appeal within three weeks, § 29; to the
 * office that decided, § 32; sent on to the Immigration Appeals Board when not upheld, § 33), the
 * consequence of renewing late (utlendingsloven § 61 sixth paragraph), and citations in the style of
 * Norwegian law ("forvaltningsloven § 29 første ledd").
 */
import { bareCitation, INTERNAL_NOTE, ruleInBrackets } from '../citations';
import type { LetterLaw, RightsClause } from '../types';

const ORDINALS: Record<string, string> = {
  first: 'første',
  second: 'annet',
  third: 'tredje',
  fourth: 'fjerde',
  fifth: 'femte',
  sixth: 'sjette',
  seventh: 'sjuende',
};

/** A citation of this pack ("Immigration Act (NO) s. 38 fifth paragraph", "forvaltningsloven s. 11a") as Norwegian law cites it; null for office policy. */
export function citeNo(citation: string): string | null {
  if (INTERNAL_NOTE.test(citation)) return null;
  const text = bareCitation(ruleInBrackets(citation).replace(/^Immigration Act \((?:NO|utlendingsloven)\)/, 'utlendingsloven'))
    .replace(/ s\. /g, ' § ')
    .replace(/§ (\d+)([a-z])\b/g, '§ $1 $2')
    .replace(/ (first|second|third|fourth|fifth|sixth|seventh) paragraph/g, (_, n: string) => ` ${ORDINALS[n]} ledd`)
    .replace(/ letter ([a-z])\b/g, ' bokstav $1')
    .replace(/ and /g, ' og ');
  return text;
}

const FVL = 'forvaltningsloven';

/** The appeal against a decision of UDI (forvaltningsloven § 28), sent to UDI and decided by UNE when UDI does not uphold it. */
const APPEAL: RightsClause = {
  route: 'appeal',
  decidedBy: { kind: 'appeal-board', name: 'Utlendingsnemnda (UNE)', citation: `${FVL} s. 33` },
  lodgeWith: { kind: 'office', citation: `${FVL} s. 32 first paragraph letter a` },
  period: { amount: 3, unit: 'weeks', runsFrom: 'notification-received', calendar: 'appeal', citations: [`${FVL} s. 29 first paragraph`] },
  contents: { items: ['signature', 'decision', 'change-sought', 'reasons'], citation: `${FVL} s. 32 first paragraph` },
  late: { kind: 'rejected-unless-excused', citation: `${FVL} s. 31` },
  meanwhile: { kind: 'ask-postponement', citation: `${FVL} s. 42` },
  interimRelief: { kind: 'after-final-decision', citation: 'tvisteloven kapittel 34' },
  legalAid: { citation: 'rettshjelploven' },
  documents: { citation: `${FVL} s. 18 and 19` },
};

export const NO_LETTERS: LetterLaw = {
  authority: 'Utlendingsdirektoratet (UDI)',
  grantTerms: 'purpose',
  fileNumberName: 'DUF-nummer',
  cite: citeNo,
  remedy: APPEAL,
  // Upheld: the office changed its decision (§ 33 second paragraph), a new decision that may be appealed in turn.
  afterRemedy: (outcome) =>
    outcome === 'well-founded' ? { kind: 'rights', clause: APPEAL } : { kind: 'forwarded', to: 'Utlendingsnemnda (UNE)', citation: `${FVL} s. 33` },
  cure: { consequence: 'decided-on-file', citation: `${FVL} s. 17` },
  renewal: { consequence: 'one-month-before-keeps-right-to-stay', citation: 'Immigration Act (utlendingsloven) s. 61 sixth paragraph' },
  withdrawnApplicationFee: null,
};
