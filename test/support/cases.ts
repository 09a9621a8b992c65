/** Applications for tests: no real person's data. */
import type { Application } from '../../domain/case';

let counter = 0;

/** A fresh, valid application with a unique case number per call. */
export function anApplication(overrides: Partial<Application> = {}): Application & { caseNumber: string } {
  counter++;
  return {
    caseNumber: `NL-TEST-${process.pid}-${counter}`,
    jurisdiction: 'NL',
    category: 'continued-residence',
    applicant: { name: 'Applicant Example', email: `applicant${counter}@example.test`, language: 'en' },
    ...overrides,
  } as Application & { caseNumber: string };
}
