/**
 * Contra-indications against the ex officio conversion of an old-act estate permit (Vc 2000 B16/7.1):
 * public order, main residence moved abroad, incorrect information.
 *
 * Interface (`ContraIndicationRegister`):
 * - `findingsFor(permitNumber, onDate)`: the findings recorded against the permit on or before
 *   `onDate`. Read-only, so a retry asks again and gets the same answer.
 * - `openReview(review)`: opens a case for a caseworker, once per `review.key`; a retry finds the
 *   case already open and returns its reference.
 *
 * Default adapter (`fileContraIndicationRegister(dir)`): the register is `dir/register.json`, an
 * object from permit number to findings (`{ "NL-P-1234": [{ "ground": "public-order", "detail":
 * "...", "recordedOn": "2027-03-01" }] }`), kept by the office (or exported from its systems); a
 * missing file is an empty register, a malformed one fails the activity (so Temporal retries
 * until it is fixed, rather than converting on a register nobody could read). Reviews are written
 * as `dir/reviews/<key>.json`, created exclusively.
 */
import { log } from '@temporalio/activity';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { heartbeating } from './heartbeats';
import { ContraIndicationFindingSchema, type ContraIndicationFinding } from '../domain/permit';
import type { ContraIndicationCheck, ContraIndicationReview } from '../domain/effects';

export interface ContraIndicationRegister {
  findingsFor(permitNumber: string, onDate: string): Promise<ContraIndicationFinding[]>;
  openReview(review: ContraIndicationReview): Promise<string>;
}

const RegisterSchema = z.record(z.string(), z.array(ContraIndicationFindingSchema));

export function fileContraIndicationRegister(dir: string): ContraIndicationRegister {
  return {
    async findingsFor(permitNumber, onDate) {
      let text: string;
      try {
        text = await readFile(join(dir, 'register.json'), 'utf8');
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw err;
      }
      const parsed = RegisterSchema.safeParse(JSON.parse(text));
      if (!parsed.success) throw new Error(`the contra-indication register ${join(dir, 'register.json')} is malformed: ${parsed.error.message}`);
      return (parsed.data[permitNumber] ?? []).filter((finding) => finding.recordedOn <= onDate);
    },
    async openReview(review) {
      const reviews = join(dir, 'reviews');
      await mkdir(reviews, { recursive: true });
      try {
        await writeFile(join(reviews, `${review.key}.json`), JSON.stringify(review, null, 2), { flag: 'wx' });
      } catch (err) {
        // Opened by an earlier attempt: the same case.
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
      return review.key;
    },
  };
}

export function createContraIndicationActivities(register: ContraIndicationRegister) {
  return {
    async checkContraIndications(check: ContraIndicationCheck): Promise<ContraIndicationFinding[]> {
      const findings = (await heartbeating(() => register.findingsFor(check.permitNumber, check.onDate))).filter((f) => check.grounds.includes(f.ground));
      log.info('contra-indications checked', { permitNumber: check.permitNumber, onDate: check.onDate, found: findings.length });
      return findings;
    },
    async openContraIndicationReview(review: ContraIndicationReview): Promise<string> {
      const reference = await heartbeating(() => register.openReview(review));
      log.warn('contra-indication review opened for a caseworker', { permitNumber: review.permitNumber, key: review.key });
      return reference;
    },
  };
}

export type ContraIndicationActivities = ReturnType<typeof createContraIndicationActivities>;
