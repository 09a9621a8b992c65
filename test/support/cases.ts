/** Applications for tests, built on the fact fixtures: no real person's data. */
import type { ApplicationFacts } from '../../domain/application';
import type { Contact } from '../../domain/case';
import type { CaseActionInput } from '../../domain/case-actions';
import type { PermitInput } from '../../domain/permit';
import { PERMISSIONS, type Actor } from '../../domain/roles';
import type { CaseApplication } from '../../machines/application';
import nlEntitled from '../fixtures/facts-nl-entitled.json';
import nlDutchParent from '../fixtures/facts-nl-dutch-parent.json';
import nlPolicyGrants from '../fixtures/facts-nl-policy-grants.json';
import noChild from '../fixtures/facts-no-child.json';

/** NL continued residence after a relationship (policy grants, Vb 3.51); NL entitled after residence as a minor (Vb 3.50); NO s. 38 child. */
export const FACTS = {
  nlPolicyGrants: nlPolicyGrants as ApplicationFacts,
  nlEntitled: nlEntitled as ApplicationFacts,
  nlDutchParent: nlDutchParent as ApplicationFacts,
  noChild: noChild as ApplicationFacts,
};

let counter = 0;

/** A fresh, valid application with a unique case number per call. */
export function anApplication(options: { facts?: ApplicationFacts; caseNumber?: string; contact?: Partial<Contact> } = {}): CaseApplication {
  counter++;
  const facts = options.facts ?? FACTS.nlPolicyGrants;
  return {
    caseNumber: options.caseNumber ?? `${facts.jurisdiction}-TEST-${process.pid}-${counter}`,
    contact: { name: 'Applicant Example', email: `applicant${counter}@example.test`, language: facts.jurisdiction === 'NO' ? 'no' : 'en', ...options.contact },
    facts,
  };
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** An action as tests write it: the actor is added by `withActor`. */
export type TestAction = DistributiveOmit<CaseActionInput, 'actor'> & { actor?: Actor };

export const CASEWORKER: Actor = { id: 'cw-0042', role: 'caseworker' };
export const APPLICANT: Actor = { id: 'portal-7781', role: 'applicant' };

/** The action with its natural actor: the applicant for the applicant's own actions, else a caseworker. */
export function withActor(action: TestAction): CaseActionInput {
  const own = (PERMISSIONS as Record<string, { applicantsOwn?: true }>)[action.type]?.applicantsOwn;
  return { ...action, actor: action.actor ?? (own ? APPLICANT : CASEWORKER) } as CaseActionInput;
}

/** A grant under Vb 2000 art. 3.51 with the terms of Vc B16/10. */
export const GRANT: Extract<TestAction, { type: 'grant' }> = {
  type: 'grant',
  grounds: ['Vb 2000 art. 3.51 lid 1 sub a'],
  permit: {
    restriction: 'voortgezet verblijf',
    labourMarketNote: 'arbeid vrij toegestaan; TWV niet vereist',
    validFrom: '2027-01-01',
    validUntil: '2031-12-31',
  },
};

/** An NL permit as a granted case hands it over (voortgezet verblijf, two years); `overrides` change any field. */
export const nlPermit = (overrides: Partial<PermitInput> = {}): PermitInput => ({
  permitNumber: 'NL-V0000123',
  caseNumber: 'NL-2026-000123',
  jurisdiction: 'NL',
  holder: { name: 'Holder Example', email: 'holder@example.test', language: 'en' },
  nationality: 'MAR',
  restriction: 'voortgezet verblijf',
  labourMarketNote: 'free to work; no TWV required',
  validFrom: '2026-04-01',
  validUntil: '2028-03-31',
  s38Limitations: [],
  grantedOn: '2026-03-25',
  ...overrides,
});
