/**
 * Parsing application facts: valid facts come back typed; bad facts come back with every
 * problem, each with its path, and combinations the law rules out cannot be expressed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatPath, parseApplicationFacts, type Problem } from '../../../domain/application';

const example = (name: string) => JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'examples', name), 'utf8'));

function problems(input: unknown): Problem[] {
  const result = parseApplicationFacts(input);
  if (result.ok) throw new Error('expected the input to be rejected');
  return result.problems;
}

test('the example applications parse, one per jurisdiction', () => {
  const nl = parseApplicationFacts(example('nl-b16-3.51-partner.json'));
  const no = parseApplicationFacts(example('no-s38-child.json'));
  expect(nl.ok && nl.value.jurisdiction).toBe('NL');
  expect(no.ok && no.value.jurisdiction).toBe('NO');
});

test('every problem is reported at once, each with its path', () => {
  const input = example('nl-b16-3.51-partner.json');
  input.applicant.dateOfBirth = '1988-02-30';
  input.applicant.nationality = 'ma';
  input.permits[1].to = '2019-01-01';
  input.permits[0].purpose = 'holiday';
  input.sponsor = { status: 'cousin' };
  delete input.means;
  input.extra = true;
  expect(problems(input)).toEqual(
    expect.arrayContaining([
      { path: 'applicant.dateOfBirth', message: 'must be a calendar date in the form YYYY-MM-DD' },
      { path: 'applicant.nationality', message: 'must be an ISO 3166-1 alpha-3 code in capitals, e.g. "MAR"' },
      { path: 'permits[1].to', message: 'must not be before "from"' },
      { path: 'permits[0].purpose', message: expect.stringContaining('family-reunification') },
      { path: 'sponsor.status', message: expect.stringContaining('dutch-national') },
      { path: 'means', message: expect.stringMatching(/^is required/) },
      { path: 'extra', message: 'is not a known field' },
    ]),
  );
  expect(problems(input)).toHaveLength(7);
});

test('an unknown jurisdiction is one problem at "jurisdiction"; a non-object is one at the root', () => {
  expect(problems({ jurisdiction: 'SE' })).toEqual([{ path: 'jurisdiction', message: expect.stringContaining("'NL' | 'NO'") }]);
  expect(problems(42)).toEqual([{ path: '(root)', message: expect.stringContaining('expected object') }]);
});

test('Dutch facts cannot carry Norwegian fields, nor Norwegian facts Dutch ones', () => {
  const nl = example('nl-b16-3.51-partner.json');
  nl.s38 = example('no-s38-child.json').s38;
  expect(problems(nl)).toEqual([{ path: 's38', message: 'is not a known field' }]);
  const no = example('no-s38-child.json');
  no.applicant.bornInNetherlands = true;
  expect(problems(no)).toEqual([{ path: 'applicant.bornInNetherlands', message: 'is not a known field' }]);
});

test('a relationship ended by the death of the main person needs a deceased main person, who died that day', () => {
  const input = example('nl-b16-3.51-partner.json');
  input.relationship.ended = { on: '2020-06-30', how: 'death-of-main-person' };
  expect(problems(input)).toEqual([{ path: 'sponsor.status', message: expect.stringContaining('"deceased"') }]);
  input.sponsor = { status: 'deceased', diedOn: '2020-06-29', statusAtDeath: 'dutch-national' };
  expect(problems(input)).toEqual([{ path: 'relationship.ended.on', message: 'must equal sponsor.diedOn (2020-06-29)' }]);
});

test('a conviction can only be stated with a judgment, and an asylum permit is always asylum-temporary', () => {
  const input = example('nl-b16-3.51-partner.json');
  input.humanTrafficking = { role: 'victim', criminalCase: { status: 'prosecution', conviction: true } };
  input.permits.push({ purpose: 'asylum', from: '2013-01-01', to: '2014-01-01', asylumTemporary: false });
  expect(problems(input)).toEqual([
    { path: 'permits[2].asylumTemporary', message: expect.stringContaining('asylum-temporary') },
    { path: 'humanTrafficking.criminalCase.conviction', message: 'is not a known field' },
  ]);
});

test('a permit cannot start before the applicant was born, and a relationship cannot end before it started', () => {
  const input = example('nl-b16-3.51-partner.json');
  input.permits[0].from = '1980-01-01';
  expect(problems(input)).toEqual([{ path: 'permits[0].from', message: "must not be before the applicant's date of birth" }]);
  const ended = example('nl-b16-3.51-partner.json');
  ended.relationship.ended.on = '2014-05-31';
  expect(problems(ended)).toEqual([{ path: 'relationship.ended.on', message: 'must not be before the relationship started' }]);
});

test('paths are written as a reader would look them up', () => {
  expect(formatPath(['permits', 2, 'to'])).toBe('permits[2].to');
  expect(formatPath([])).toBe('(root)');
});

test('an application file of the first release still parses; the facts the text added are optional, their refinements checked', () => {
  // Every block the first release knew, with the fields it then required (some no longer decide anything).
  const firstRelease = {
    ...example('nl-b16-3.51-partner.json'),
    medicalTreatment: { stillNeeded: true, expectedUntil: 'indefinite' },
    unaccompaniedMinor: { adequateCareAvailableOnReturn: false },
    notAtFault: { stillCannotLeave: true, ownEffortsDemonstrated: true },
    violenceWithinFamily: {
      relationshipEndedBecauseOfViolence: true,
      evidence: { policeReport: true, prosecutorOrPoliceStatement: true, doctorStatement: true },
    },
    relationshipFactors: {
      honourRelatedViolenceOnReturn: false,
      socialExclusionOnReturn: true,
      caresForMinorChildInNetherlands: true,
      otherCompellingCircumstances: null,
    },
    humanTrafficking: { role: 'victim', criminalCase: { status: 'judgment', on: '2019-01-01', final: true, conviction: true } },
  };
  expect(parseApplicationFacts(firstRelease).ok).toBe(true);
  expect(parseApplicationFacts(example('no-s38-child.json')).ok).toBe(true);

  const later = example('nl-b16-3.51-partner.json');
  later.relationship.previousForm = { kind: 'unmarried-partnership', start: '2015-01-01' };
  later.parents = [];
  expect(problems(later)).toEqual([
    { path: 'parents', message: expect.stringContaining('>=1') },
    { path: 'relationship.previousForm.start', message: "must not be after the relationship's current form started" },
  ]);
});
