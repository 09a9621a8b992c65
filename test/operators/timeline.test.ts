/**
 * The history timeline, on a real recorded history (test/histories/v2, recorded on the time-skipping
 * server by `npm run record-histories`): each line's time, event, actor, summary and legal basis, and the same
 * lines when the payloads are encrypted by a codec, decoded through the client's data converter.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { loadDataConverter } from '@temporalio/common/lib/internal-non-workflow';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { temporal } from '@temporalio/proto';
import { decodeHistory, type DecodedEvent } from '../../platform/history/decode';
import { caseTimeline } from '../../platform/history/timeline';
import { localTime } from '../../platform/local-time';

const recorded = () =>
  historyFromJSON(JSON.parse(readFileSync(join(__dirname, '../histories/v2/applicationWorkflow/extended-reminded-expired-refused.json'), 'utf8')));
const CURE_BASIS = 'Vc 2000 B16/7; Awb 4:5 (cure period after an evidence request, in principle two weeks)';

test('a recorded case reads as its story: who did what, when, on which legal basis', async () => {
  const entries = caseTimeline(await decodeHistory(recorded(), loadDataConverter()));
  const lines = entries.map((e) => [localTime(e.at, 'Europe/Amsterdam'), e.event, e.by, e.what].join(' | '));
  expect(lines).toEqual([
    expect.stringMatching(/^2026-11-23 11:40 \| received \| \d+@\S+ \| application NL-2026-HIST-0001 \(NL, continued-residence\)$/),
    '2026-11-23 11:40 | evidence requested | caseworker cw-0042 | missing: valid passport, proof of income; cure period until 2026-12-07',
    '2026-11-23 11:40 | notice sent | dossier | receipt to applicant1@example.test, deadline 2027-02-22',
    '2026-11-23 11:40 | notice sent | dossier | evidence-request to applicant1@example.test, deadline 2026-12-07',
    '2026-11-23 11:40 | state | dossier | awaitingEvidence; next deadline 2026-12-07 23:59 Europe/Amsterdam',
    '2026-11-25 11:40 | cure period extended | operator ops-0007 | until 2026-12-14: office closed after an outage',
    '2026-11-25 11:40 | notice sent | dossier | deadline-extended to applicant1@example.test, deadline 2026-12-14',
    '2026-12-09 00:00 | timer fired | timer | the cure reminder is due',
    '2026-12-09 00:00 | notice sent | dossier | cure-reminder to applicant1@example.test, deadline 2026-12-14',
    '2026-12-13 00:00 | timer fired | timer | the cure reminder is due',
    '2026-12-13 00:00 | notice sent | dossier | cure-reminder to applicant1@example.test, deadline 2026-12-14',
    '2026-12-15 00:00 | timer fired | timer | the cure period ended (due 2026-12-14)',
    '2026-12-15 00:00 | state | dossier | awaitingEvidence → cureExpired; next deadline 2027-03-15 23:59 Europe/Amsterdam',
    '2026-12-25 11:40 | proceeds without evidence | caseworker cw-0042 | ',
    '2026-12-25 11:40 | state | dossier | cureExpired → readyForDecision; next deadline 2027-03-15 23:59 Europe/Amsterdam',
    '2026-12-25 11:40 | decision: refused | caseworker cw-0042 | ',
    '2026-12-25 11:40 | notice sent | dossier | decision to applicant1@example.test: refused',
    '2026-12-25 11:40 | notice sent | dossier | objection-period to applicant1@example.test, deadline 2027-01-22',
    '2026-12-25 11:40 | state | dossier | readyForDecision → objectionPeriod; next deadline 2027-01-22 23:59 Europe/Amsterdam',
    '2027-01-23 00:00 | timer fired | timer | the objection period ended (due 2027-01-22)',
    '2027-01-23 00:00 | state | dossier | objectionPeriod → closed',
    '2027-01-23 00:00 | case ended | dossier | closed (decision: refused)',
  ]);

  const basis = (event: string, what: string) => entries.find((e) => e.event === event && e.what.startsWith(what))!.legalBasis;
  expect(basis('evidence requested', 'missing')[0]).toBe(CURE_BASIS);
  expect(basis('notice sent', 'receipt')).toEqual(['Vw 2000 art. 25(1) (90 days after receipt of the application)']);
  expect(basis('cure period extended', 'until')).toContain('extended by the caseworker: office closed after an outage');
  expect(basis('timer fired', 'the cure period ended')[0]).toBe(CURE_BASIS);
  expect(basis('decision: refused', '')).toEqual(['Vb 2000 art. 3.51 lid 1 sub a: the relationship did not last three years during residence']);
  expect(basis('timer fired', 'the objection period ended')[0]).toBe('Vw 2000 art. 69(1) (four weeks, in derogation of Awb 6:7)');
  expect(entries.map((e) => e.eventId)).toEqual([...entries.map((e) => e.eventId)].sort((a, b) => a - b));
});

/** A stand-in for encryption: reversible, and unreadable without the codec. */
class ScrambleCodec implements PayloadCodec {
  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((p) => ({
      metadata: { encoding: new TextEncoder().encode('binary/scrambled') },
      data: Uint8Array.from(temporal.api.common.v1.Payload.encode(p).finish(), (b) => b ^ 0x5a),
    }));
  }
  async decode(payloads: Payload[]): Promise<Payload[]> {
    const scrambled = (p: Payload) => new TextDecoder().decode(p.metadata?.encoding ?? new Uint8Array()) === 'binary/scrambled';
    return payloads.map((p) => (scrambled(p) ? temporal.api.common.v1.Payload.decode(Uint8Array.from(p.data!, (b) => b ^ 0x5a)) : p));
  }
}

/** Encodes every payload of the history with `codec`, except search attributes (Temporal never encodes those). */
async function encodeHistory(node: unknown, codec: PayloadCodec, key = ''): Promise<void> {
  if (!node || typeof node !== 'object' || key === 'searchAttributes') return;
  for (const [k, value] of Object.entries(node)) {
    if (k === 'payloads' && Array.isArray(value)) (node as Record<string, unknown>)[k] = await codec.encode(value as Payload[]);
    else await encodeHistory(value, codec, k);
  }
}

test('encrypted payloads are read through the data converter: the same story with the codec, none without it', async () => {
  const plain = caseTimeline(await decodeHistory(recorded(), loadDataConverter()));
  const history = recorded();
  const codec = new ScrambleCodec();
  await encodeHistory(history, codec);
  expect(JSON.stringify(history)).not.toContain('valid passport');

  expect(caseTimeline(await decodeHistory(history, loadDataConverter({ payloadCodecs: [codec] })))).toEqual(plain);
  await expect(decodeHistory(history, loadDataConverter())).rejects.toThrow(/binary\/scrambled/);
});

test('a timer named by the runner (its summary) is told by that name, without looking at what followed', () => {
  const at = '2027-03-01T10:00:00.000Z';
  const events: DecodedEvent[] = [
    {
      id: 1,
      time: at,
      kind: 'started',
      workflowType: 'applicationWorkflow',
      identity: 'desk',
      input: [{ application: { caseNumber: 'NL-2026-X', facts: { jurisdiction: 'NL' } } }],
    },
    { id: 5, time: at, kind: 'timerStarted', timerId: '1', summary: 'decision-period' },
    { id: 9, time: at, kind: 'timerFired', timerId: '1', startedEventId: 5 },
    { id: 12, time: at, kind: 'timerStarted', timerId: '2', summary: null },
    { id: 13, time: at, kind: 'timerFired', timerId: '2', startedEventId: 12 },
  ];
  expect(caseTimeline(events).map((e) => e.what)).toEqual(['application NL-2026-X (NL)', 'the decision period ended', 'a timer fired']);
});
