/**
 * Ruritania (XX), a fictitious jurisdiction that exists only in the tests: what a newcomer writes to
 * add a country, in a folder of its own. Its law is invented and says so: a decision within 30 days
 * of receipt, a two-week cure period that suspends it, an appeal within 10 days, a residence permit
 * after five years' residence, and one public holiday. Nothing in machines/ or workflows/ knows it.
 */
import { z } from 'zod';
import type { LocalDate } from '../../../domain/calendar';
import { fixedDate } from '../../../domain/calendar/holiday-rules';
import type { PeriodDefinition } from '../../../domain/calendar/periods';
import type { JurisdictionPack, Procedure } from '../../../domain/jurisdictions';
import type { Assessment, PolicyPack, Rule, RuleResult } from '../../../domain/policy';

const ACT = 'Aliens Act (XX, fictitious)';
const IN_FORCE: LocalDate = '2000-01-01';

/** Ruritanian facts: the applicant, and the years of lawful residence a caseworker recorded. */
export const xxFactsSchema = () =>
  z.strictObject({
    jurisdiction: z.literal('XX'),
    applicant: z.strictObject({ dateOfBirth: z.iso.date(), nationality: z.string().regex(/^[A-Z]{3}$/) }),
    yearsOfResidence: z.number().int().min(0),
  });
export type XxFacts = z.infer<ReturnType<typeof xxFactsSchema>>;

const period = (kind: PeriodDefinition['kind'], days: number, section: string): PeriodDefinition => ({
  kind,
  title: `${kind} period (${ACT} ${section})`,
  fromMeans: 'the day of the letter',
  dueMeans: 'the last day',
  versions: [
    {
      validFrom: IN_FORCE,
      source: `${ACT} ${section}`,
      length: { amount: days, unit: 'days' },
      direction: 'forward',
      extension: 'office-roll',
      citations: [`${ACT} ${section}`],
    },
  ],
});

const residence: Rule<XxFacts> = {
  id: 'xx-residence-s4',
  version: '2000',
  validFrom: IN_FORCE,
  source: `${ACT} s. 4`,
  citation: `${ACT} s. 4`,
  title: 'Residence permit after five years of lawful residence',
  conditions: { fiveYears: { kind: 'requirement', paragraph: `${ACT} s. 4`, description: 'five years of lawful residence' } },
  evaluate(facts): RuleResult {
    const held = facts.yearsOfResidence >= 5;
    return {
      ruleId: this.id,
      version: this.version,
      validFrom: this.validFrom,
      source: this.source,
      citation: this.citation,
      title: this.title,
      outcome: held ? 'entitled' : 'not-eligible',
      conditions: [{ id: 'fiveYears', ...this.conditions.fiveYears!, held, detail: `${facts.yearsOfResidence} years` }],
    };
  },
};

const policy: PolicyPack<XxFacts, object> = {
  id: 'xx-aliens-act',
  jurisdiction: 'XX',
  title: `${ACT} s. 4`,
  text: { file: 'none (fictitious)', title: ACT },
  rules: [residence],
  assess(facts, onDate): Assessment<object> {
    const result = residence.evaluate(facts, onDate);
    const failing = result.conditions
      .filter((c) => !c.held)
      .map((c) => ({
        ruleId: result.ruleId,
        citation: result.citation,
        conditionId: c.id,
        paragraph: c.paragraph,
        description: c.description,
        kind: c.kind,
        detail: c.detail,
      }));
    return {
      jurisdiction: 'XX',
      pack: this.id,
      onDate,
      outcome: result.outcome!,
      summary: result.outcome === 'entitled' ? 'five years of lawful residence' : 'fewer than five years of lawful residence',
      basis: [result],
      failingConditions: failing,
      refusalGrounds: [],
      factors: [],
      waived: [],
      notes: [],
      versions: [{ ruleId: result.ruleId, version: result.version, source: result.source }],
      evaluated: [result],
      notInForce: [],
      findings: {},
    };
  },
};

const procedure: Procedure = {
  decisionPeriod: {
    basis: `${ACT} s. 12(1)`,
    rollsOn: `${ACT} s. 12(3)`,
    suspendedForEvidence: `${ACT} s. 12(2)`,
    extendedForCountryReport: null,
    penalty: null,
  },
  notProcessed: null,
  countryReportOnce: 'office policy: one country report per case',
  remedy: { kind: 'appeal', period: 'appeal' },
  exceptionGrounds: null,
  bestInterests: null,
  permitRestrictions: null,
  renewal: {
    calendar: () => {
      throw new Error('Ruritanian permits are not modelled in this test');
    },
    timing: () => {
      throw new Error('Ruritanian permits are not modelled in this test');
    },
    latenessBasis: null,
    notRenewable: () => `${ACT} s. 6`,
  },
  withdrawal: { basis: `${ACT} s. 7`, obstacle: () => null },
  milestones: { atGrant: () => ({}), conversion: () => null, independence: () => null },
};

export const ruritania: JurisdictionPack = {
  code: 'XX',
  name: 'Ruritania (fictitious)',
  timeZone: 'Europe/Vienna',
  calendar: {
    modelledFrom: IN_FORCE,
    holidays: [
      {
        id: 'xx-national-day',
        versions: [{ validFrom: IN_FORCE, source: `${ACT} s. 2`, name: 'National Day', citation: `${ACT} s. 2`, dateIn: fixedDate(7, 14) }],
      },
    ],
    decreeDays: [],
    periods: [period('cure', 14, 's. 11'), period('decision', 30, 's. 12(1)'), period('appeal', 10, 's. 20')],
  },
  procedure,
  facts: xxFactsSchema,
  policy: policy as unknown as JurisdictionPack['policy'],
  notices: { withdrawnApplication: `${ACT} s. 9 (a withdrawn application is not decided)`, receiptWithoutDeadline: `${ACT} s. 12(1)` },
  letters: {
    authority: 'Ruritanian Aliens Office (fictitious)',
    fileNumberName: 'alien number',
    grantTerms: 'purpose',
    // Ruritanian law is cited as the pack writes it, without the pack's explanations.
    cite: (citation) => citation.replace(/ \((?!XX, fictitious)[^)]*\)$/, ''),
    remedy: {
      route: 'appeal',
      decidedBy: { kind: 'court', citation: `${ACT} s. 20` },
      lodgeWith: { kind: 'court', citation: `${ACT} s. 20` },
      period: { amount: 10, unit: 'days', runsFrom: 'day-after-sent', calendar: 'appeal', citations: [`${ACT} s. 20`] },
      contents: { items: ['signature', 'decision', 'reasons'], citation: `${ACT} s. 21` },
      late: { kind: 'inadmissible-unless-excusable', citation: `${ACT} s. 22` },
      meanwhile: { kind: 'not-suspended', citation: `${ACT} s. 23` },
      interimRelief: null,
      legalAid: { citation: `${ACT} s. 24` },
      documents: null,
    },
    afterRemedy: () => ({ kind: 'forwarded', to: 'the Supreme Court of Ruritania (fictitious)', citation: `${ACT} s. 25` }),
    cure: { consequence: 'decided-on-file', citation: `${ACT} s. 11` },
    renewal: null,
    withdrawnApplicationFee: null,
  },
};
