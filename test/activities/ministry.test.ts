/**
 * The ministry's intake activities: the request names the circumstances of Vc 2000 B16/7 it must
 * address in the text's words, and an intake slower than the heartbeat timeout keeps the attempt
 * alive with heartbeats (run in the SDK's activity environment, which records them).
 */
import { MockActivityEnvironment } from '@temporalio/testing';
import { createMinistryActivities, type MinistryIntake } from '../../activities';
import { requestMessage } from '../../activities/ministry';
import type { ReportRequest } from '../../domain/effects';
import { testLogger } from '../support/test-log';
import { waitFor } from '../support/wait';

const REQUEST: ReportRequest = {
  caseNumber: 'NL-2026-000777',
  requestKey: 'NL-2026-000777.ambtsbericht.1',
  nationality: 'MAR',
  factors: ['a', 'c'],
  questions: ['Is reception by the family available?'],
  requestedOn: '2026-12-01',
  expectedBy: '2027-03-01',
};

test('the request quotes the B16/7 circumstances it asks about, and nothing of the applicant but nationality', () => {
  const { text } = requestMessage('intake@ministry.example', REQUEST);
  expect(text).toContain('a. de situatie van alleenstaande vrouwen in het land van herkomst (the situation of single women in the country of origin)');
  expect(text).toContain('c. de vraag of in het land van herkomst een naar maatstaven van dat land aanvaardbaar te achten opvang aanwezig is');
  expect(text).not.toContain('b. de maatschappelijke positie van vrouwen');
  expect(text).toContain('Nationality: MAR');
});

test('an intake that answers slowly is kept alive by heartbeats until it does', async () => {
  const env = new MockActivityEnvironment(undefined, { logger: testLogger() });
  let heartbeats = 0;
  env.on('heartbeat', () => heartbeats++);
  const filed: ReportRequest[] = [];
  // The intake answers only once three heartbeats have gone out while it waited.
  const slowIntake: MinistryIntake = {
    requestReport: async (request) => {
      await waitFor(() => heartbeats >= 3, 'three heartbeats during the request');
      filed.push(request);
    },
    sendReminder: async () => {},
  };
  await env.run(createMinistryActivities(slowIntake).requestReport, REQUEST);
  expect(filed).toEqual([REQUEST]);
  expect(heartbeats).toBeGreaterThanOrEqual(3);
});
