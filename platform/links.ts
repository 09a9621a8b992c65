/**
 * Signed, expiring links for applicants (issue 17): the link in every notice, and the fresh one the
 * renewal form mails. A token names its case and its expiry and binds the applicant's address
 * without carrying it, so a link that leaks shows no address, and a link for one case opens no other.
 *
 * Keys: the link key is derived (HKDF-SHA256, info "dossier applicant link") from the encryption key
 * ring the payload codec uses (platform/codec.ts), so it is configured, rotated and retired with it.
 * A token names the key it was made with by a fingerprint of that key (4 bytes, derived from it: a key
 * id may be 64 characters, which the token has no room for); a token of an older key still in the
 * ring verifies; a token of a key removed from the ring is invalid.
 *
 * The token is deterministic (the same claims and key give the same token, so a retried notice renders
 * the same link), URL-safe (base64url: `A-Z a-z 0-9 - _`) and short: Fastify refuses a path parameter
 * longer than 100 characters (414, its default `maxParamLength`), and `/a/:token` and `/a/:token/case`
 * are such routes. About 75 characters for a case number of 20, at most 100:
 *
 *   version (1) | key fingerprint (4) | expiry, seconds (4) | case number length (1), case number | address tag (10) | MAC (16)
 *
 * The address tag is HMAC-SHA256(link key, "address" ‖ the address, trimmed and lower-cased), cut to
 * 10 bytes: keyed, so it cannot be looked up in a list of addresses. The MAC is HMAC-SHA256(link key,
 * every byte before it), cut to 16 bytes: changing any byte (case number, expiry, key, tag) fails it.
 */
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { CaseNumberSchema } from '../domain/case';
import type { KeyRing } from './codec';
import type { Config } from './config';

export const LINK_KEY_INFO = 'dossier applicant link';
const VERSION = 1;
const FINGERPRINT_BYTES = 4;
const EXPIRY_BYTES = 4;
const TAG_BYTES = 10;
const MAC_BYTES = 16;
const FIXED_BYTES = 1 + FINGERPRINT_BYTES + EXPIRY_BYTES + 1 + TAG_BYTES + MAC_BYTES;
/** The longest token: Fastify's default limit for a path parameter. */
export const MAX_TOKEN_CHARS = 100;
/** The longest case number a token can carry within MAX_TOKEN_CHARS (39). */
export const MAX_LINK_CASE_NUMBER = Math.floor((MAX_TOKEN_CHARS * 3) / 4) - FIXED_BYTES;
const TOKEN = /^[A-Za-z0-9_-]+$/;

export interface ApplicantLinkClaims {
  caseNumber: string;
  /** The applicant's address the link is for (the case's contact). */
  email: string;
  /** When the link stops working; kept to the whole second (rounded down). */
  expiresAt: Date;
}

export type ApplicantLinkCheck = { ok: true; caseNumber: string; expiresAt: Date } | { ok: false; reason: 'expired' | 'invalid' };

interface LinkKey {
  mac: Buffer;
  fingerprint: Buffer;
}

const derived = new WeakMap<Buffer, LinkKey>();

/** The link key of one encryption key, and its fingerprint. */
function linkKey(key: Buffer): LinkKey {
  let link = derived.get(key);
  if (!link) {
    const mac = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), LINK_KEY_INFO, 32));
    link = { mac, fingerprint: hmac(mac, 'key fingerprint').subarray(0, FINGERPRINT_BYTES) };
    derived.set(key, link);
  }
  return link;
}

const hmac = (key: Buffer, ...parts: (Buffer | string)[]) => parts.reduce((h, part) => h.update(part), createHmac('sha256', key)).digest();
const addressTag = (link: LinkKey, email: string) => hmac(link.mac, 'address\0', email.trim().toLowerCase()).subarray(0, TAG_BYTES);

/** A token for the applicant of `caseNumber` at `email`, valid until `expiresAt`, made with the ring's current key. */
export function signApplicantLink(ring: KeyRing, { caseNumber, email, expiresAt }: ApplicantLinkClaims): string {
  const key = ring.keys.get(ring.currentKeyId);
  if (!key) throw new Error(`the current encryption key "${ring.currentKeyId}" is not among the keys given`);
  if (!CaseNumberSchema.safeParse(caseNumber).success || caseNumber.length > MAX_LINK_CASE_NUMBER) {
    throw new Error(`an applicant link needs a case number like NL-2026-000123, at most ${MAX_LINK_CASE_NUMBER} characters`);
  }
  if (!email.trim()) throw new Error('an applicant link needs the e-mail address it is for');
  const seconds = Math.floor(expiresAt.getTime() / 1000);
  if (!Number.isSafeInteger(seconds) || seconds < 0 || seconds >= 2 ** 32) throw new Error('an applicant link needs an expiry between 1970 and 2106');

  const link = linkKey(key);
  const expiry = Buffer.alloc(EXPIRY_BYTES);
  expiry.writeUInt32BE(seconds);
  const number = Buffer.from(caseNumber, 'ascii');
  const signed = Buffer.concat([Buffer.of(VERSION), link.fingerprint, expiry, Buffer.of(number.length), number, addressTag(link, email)]);
  return Buffer.concat([signed, hmac(link.mac, signed).subarray(0, MAC_BYTES)]).toString('base64url');
}

/**
 * What a token says, if a key of the ring made it and nothing in it was changed: `invalid` for
 * anything else (malformed, forged, altered, made with a key no longer in the ring), and, when
 * `email` is given, for a token made for another address (compared trimmed and lower-cased). An
 * authentic token is `expired` from its expiry on (`now >= expiresAt`).
 */
export function verifyApplicantLink(ring: KeyRing, token: string, now: Date = new Date(), email?: string): ApplicantLinkCheck {
  const invalid = { ok: false, reason: 'invalid' } as const;
  if (typeof token !== 'string' || token.length > MAX_TOKEN_CHARS || !TOKEN.test(token)) return invalid;
  const bytes = Buffer.from(token, 'base64url');
  // One spelling per token: trailing bits that base64url would drop make another string for the same bytes.
  if (bytes.toString('base64url') !== token || bytes.length < FIXED_BYTES || bytes[0] !== VERSION) return invalid;
  const numberAt = 1 + FINGERPRINT_BYTES + EXPIRY_BYTES + 1;
  const numberLength = bytes[numberAt - 1]!;
  if (bytes.length !== FIXED_BYTES + numberLength) return invalid;
  const signed = bytes.subarray(0, bytes.length - MAC_BYTES);
  const mac = bytes.subarray(signed.length);
  const fingerprint = bytes.subarray(1, 1 + FINGERPRINT_BYTES);

  // The keys of the ring with this fingerprint: one, unless two keys' fingerprints collide.
  const link = [...ring.keys.values()]
    .map(linkKey)
    .find((l) => l.fingerprint.equals(fingerprint) && timingSafeEqual(hmac(l.mac, signed).subarray(0, MAC_BYTES), mac));
  if (!link) return invalid;

  // Authentic from here on: made by this office with a key of the ring, unchanged.
  const tag = signed.subarray(signed.length - TAG_BYTES);
  if (email !== undefined && !timingSafeEqual(addressTag(link, email), tag)) return invalid;
  const expiresAt = new Date(bytes.readUInt32BE(1 + FINGERPRINT_BYTES) * 1000);
  if (now.getTime() >= expiresAt.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, caseNumber: bytes.subarray(numberAt, numberAt + numberLength).toString('latin1'), expiresAt };
}

/** Where a token is followed: `${DOSSIER_PUBLIC_URL}/a/${token}`, or `http://${DOSSIER_HTTP_ADDRESS}/a/${token}` without a public URL. */
export function applicantLinkUrl(config: Pick<Config, 'DOSSIER_PUBLIC_URL' | 'DOSSIER_HTTP_ADDRESS'>, token: string): string {
  const base = config.DOSSIER_PUBLIC_URL ?? `http://${config.DOSSIER_HTTP_ADDRESS}`;
  return `${base.replace(/\/+$/, '')}/a/${token}`;
}
