/**
 * What a Dutch letter states besides the rule it rests on: the rights clause of Awb 3:45 (objection,
 * Vw 2000 art. 69; appeal to the court after it), the consequence of missing a cure period (Awb 4:5)
 * and of renewing late (Vw 2000 art. 26), and citations in the style of Dutch law
 * ("artikel 69, eerste lid, Vw 2000").
 */
import { bareCitation, INTERNAL_NOTE, ruleInBrackets } from '../citations';
import type { LetterLaw, RightsClause } from '../types';

const ORDINALS = ['', 'eerste', 'tweede', 'derde', 'vierde', 'vijfde', 'zesde', 'zevende', 'achtste'];

/** The acts as Dutch legal writing abbreviates them. */
const ACTS: Record<string, string> = {
  'Vw 2000': 'Vw 2000',
  'Vb 2000': 'Vb 2000',
  Awb: 'Awb',
  Atw: 'Algemene termijnenwet',
  'Algemene termijnenwet': 'Algemene termijnenwet',
  ECHR: 'EVRM',
};

/** One article reference: "69(1)", "4:15(1)(a)", "3.51 lid 1 sub a", "26". */
const ARTICLE = /^(\d+(?:[.:]\d+)?)(?:\((\d+)\)| lid (\d+))?(?:\(([a-z])\)| sub ([a-z]))?$/;

function article(ref: string): string | null {
  const m = ARTICLE.exec(ref.trim());
  if (!m) return null;
  const [, number, para1, para2, letter1, letter2] = m;
  const para = Number(para1 ?? para2);
  const letter = letter1 ?? letter2;
  return [number, para ? `${ORDINALS[para] ?? `${para}e`} lid` : null, letter ? `aanhef en onder ${letter}` : null].filter(Boolean).join(', ');
}

/** "18, eerste lid, aanhef en onder c" and "19" → "artikelen 18, eerste lid, aanhef en onder c, en 19 Vw 2000". */
function articles(parts: string[], act: string): string {
  const comma = (part: string) => part.includes(',');
  let text = parts[0]!;
  for (let i = 1; i < parts.length; i++) {
    const last = i === parts.length - 1;
    text += `${comma(parts[i - 1]!) ? ',' : ''}${last ? ' en ' : ', '}${parts[i]}`;
  }
  return `${parts.length === 1 ? 'artikel' : 'artikelen'} ${text}${comma(parts.at(-1)!) ? ',' : ''} ${act}`;
}

/** A citation of this pack ("Vw 2000 art. 69(1)", "Awb 4:5", "Vc 2000 B16/7") as Dutch law cites it; null for office policy. */
export function citeNl(citation: string): string | null {
  if (INTERNAL_NOTE.test(citation)) return null;
  const text = bareCitation(ruleInBrackets(citation));
  const vc = /^Vc 2000 (B\d+\/[\d.]+)(?: (?:sub|tenzij) (.+))?$/.exec(text);
  if (vc) return vc[2] ? `paragraaf ${vc[1]}, onder ${vc[2].replaceAll(' and ', ' en ')}, Vc 2000` : `paragraaf ${vc[1]} Vc 2000`;
  for (const [act, name] of Object.entries(ACTS)) {
    if (!text.startsWith(`${act} `)) continue;
    const parts = text
      .slice(act.length + 1)
      .replace(/^art\. /, '')
      .split(/, | and /)
      .map(article);
    if (parts.every((part) => part !== null)) return articles(parts as string[], name);
  }
  // A caseworker's own wording of a ground, quoted as written.
  return text;
}

const LEGAL_AID = 'Wet op de rechtsbijstand';

/** The objection against a decision of the IND (Awb 3:45 asks the decision to state it). */
const OBJECTION: RightsClause = {
  route: 'objection',
  decidedBy: { kind: 'office', citation: 'Awb 7:1' },
  lodgeWith: { kind: 'office', citation: 'Awb 6:4(1)' },
  period: {
    amount: 4,
    unit: 'weeks',
    runsFrom: 'day-after-sent',
    calendar: 'objection',
    citations: ['Vw 2000 art. 69(1)', 'Awb 6:8(1)'],
  },
  contents: { items: ['signature', 'name-and-address', 'date', 'decision', 'reasons'], citation: 'Awb 6:5(1)' },
  late: { kind: 'inadmissible-unless-excusable', citation: 'Awb 6:11' },
  meanwhile: { kind: 'suspended', citation: 'Vw 2000 art. 73' },
  interimRelief: { kind: 'provisional-measure', citation: 'Awb 8:81' },
  legalAid: { citation: LEGAL_AID },
  documents: null,
};

/** After the decision on the objection: an appeal to the court (Awb 8:1), in the same four weeks (Vw 2000 art. 69(1)). */
const COURT_APPEAL: RightsClause = {
  route: 'court-appeal',
  decidedBy: { kind: 'court', citation: 'Awb 8:1' },
  lodgeWith: { kind: 'court', citation: 'Awb 6:4(3)' },
  period: { amount: 4, unit: 'weeks', runsFrom: 'day-after-sent', calendar: 'objection', citations: ['Vw 2000 art. 69(1)', 'Awb 6:8(1)'] },
  contents: { items: ['signature', 'name-and-address', 'date', 'decision', 'reasons'], citation: 'Awb 6:5(1)' },
  late: { kind: 'inadmissible-unless-excusable', citation: 'Awb 6:11' },
  meanwhile: { kind: 'not-suspended', citation: 'Awb 6:16' },
  interimRelief: { kind: 'provisional-measure', citation: 'Awb 8:81' },
  legalAid: { citation: LEGAL_AID },
  documents: null,
};

export const NL_LETTERS: LetterLaw = {
  authority: 'Immigratie- en Naturalisatiedienst (IND)',
  grantTerms: 'restriction',
  fileNumberName: 'V-nummer',
  cite: citeNl,
  remedy: OBJECTION,
  afterRemedy: () => ({ kind: 'rights', clause: COURT_APPEAL }),
  cure: { consequence: 'may-not-process', citation: 'Awb 4:5(1)(c)' },
  renewal: { consequence: 'late-leaves-gap', citation: 'Vw 2000 art. 26' },
  withdrawnApplicationFee: null,
};
