/**
 * The applicant's signed links (platform/links.ts): a token made with the ring's current key verifies
 * until its expiry and not from it on; any change to it, a forger's key, or a key removed from the
 * ring makes it invalid, and so does another address when one is given; a key still in the ring after
 * a rotation still verifies; the token is URL-safe, at most 100 characters (Fastify's limit for a path
 * parameter), carries its case number and expiry, and does not carry the address.
 */
import { randomBytes } from 'node:crypto';
import type { KeyRing } from '../../platform/codec';
import { applicantLinkUrl, MAX_LINK_CASE_NUMBER, MAX_TOKEN_CHARS, signApplicantLink, verifyApplicantLink } from '../../platform/links';

const key = () => randomBytes(32);
const OLD = key();
const NEW = key();
const ring = (currentKeyId: string, keys: Record<string, Buffer>): KeyRing => ({ currentKeyId, keys: new Map(Object.entries(keys)) });
const before = ring('2026-01', { '2026-01': OLD });
const rotated = ring('2026-06', { '2026-01': OLD, '2026-06': NEW });
const retired = ring('2026-06', { '2026-06': NEW });

const EXPIRES = new Date('2026-05-01T10:00:00Z');
const CASE = 'NL-20261123-1A2B3C4D';
const EMAIL = 'Applicant.Example+case@example.test';
const CLAIMS = { caseNumber: CASE, email: EMAIL, expiresAt: EXPIRES };
const VALID = { ok: true, caseNumber: CASE, expiresAt: EXPIRES };
const INVALID = { ok: false, reason: 'invalid' };
const justBefore = new Date(EXPIRES.getTime() - 1);

/** Byte offsets of the token: version, key fingerprint, expiry, case number length, case number. */
const EXPIRY_AT = 5;
const CASE_AT = 10;

/** The token's bytes, changed by `change`, as a token again. */
const altered = (token: string, change: (bytes: Buffer) => void) => {
  const bytes = Buffer.from(token, 'base64url');
  change(bytes);
  return bytes.toString('base64url');
};

test('a token verifies to its case and expiry until the last millisecond before it, and is expired from it on', () => {
  const token = signApplicantLink(before, CLAIMS);
  expect(verifyApplicantLink(before, token, new Date('2026-02-10T09:30:00Z'))).toEqual(VALID);
  expect(verifyApplicantLink(before, token, justBefore)).toEqual(VALID);
  expect(verifyApplicantLink(before, token, EXPIRES)).toEqual({ ok: false, reason: 'expired' });
  expect(verifyApplicantLink(before, token, new Date('2027-01-01T00:00:00Z'))).toEqual({ ok: false, reason: 'expired' });
});

test('the expiry is kept to the whole second, rounded down', () => {
  const token = signApplicantLink(before, { ...CLAIMS, expiresAt: new Date(EXPIRES.getTime() + 999) });
  expect(verifyApplicantLink(before, token, justBefore)).toEqual(VALID);
  expect(verifyApplicantLink(before, token, EXPIRES)).toEqual({ ok: false, reason: 'expired' });
});

test('the token is bound to its address: the same address (trimmed, in any case) verifies, another is invalid', () => {
  const token = signApplicantLink(before, CLAIMS);
  expect(verifyApplicantLink(before, token, justBefore, EMAIL)).toEqual(VALID);
  expect(verifyApplicantLink(before, token, justBefore, ` ${EMAIL.toUpperCase()} `)).toEqual(VALID);
  expect(verifyApplicantLink(before, token, justBefore, 'someone.else@example.test')).toEqual(INVALID);
  expect(verifyApplicantLink(before, token, justBefore, '')).toEqual(INVALID);
});

test('the same claims and key make the same token (a retried notice renders the same link); other claims another', () => {
  const token = signApplicantLink(before, CLAIMS);
  expect(signApplicantLink(before, { ...CLAIMS })).toBe(token);
  expect(signApplicantLink(before, { ...CLAIMS, caseNumber: 'NL-20261123-1A2B3C4E' })).not.toBe(token);
  expect(signApplicantLink(before, { ...CLAIMS, email: 'someone.else@example.test' })).not.toBe(token);
  expect(signApplicantLink(before, { ...CLAIMS, expiresAt: new Date(EXPIRES.getTime() + 1000) })).not.toBe(token);
});

test('the token is URL-safe, at most 100 characters, carries the case number and not the address', () => {
  const longest = 'NL-123456789012-123456789012-1234567890';
  expect(longest).toHaveLength(MAX_LINK_CASE_NUMBER);
  for (const [caseNumber, email] of [
    [CASE, EMAIL],
    [longest, `${'x'.repeat(200)}@example.test`],
    ['NO-20261123-1A2B3C4D-P1-R1', 'ærlig.østby@eksempel.no'],
  ] as const) {
    const token = signApplicantLink(before, { ...CLAIMS, caseNumber, email });
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(token.length).toBeLessThanOrEqual(MAX_TOKEN_CHARS);
    expect(encodeURIComponent(token)).toBe(token);
    expect(new URL(`https://dossier.example.test/a/${token}`).pathname).toBe(`/a/${token}`);
    const bytes = Buffer.from(token, 'base64url');
    expect(bytes.toString('latin1')).toContain(caseNumber);
    for (const part of email.split('@')) expect(bytes.includes(Buffer.from(part))).toBe(false);
    expect(verifyApplicantLink(before, token, justBefore, email)).toEqual({ ...VALID, caseNumber });
  }
  expect(signApplicantLink(before, CLAIMS).length).toBeLessThanOrEqual(76);
  expect(() => signApplicantLink(before, { ...CLAIMS, caseNumber: `${longest}1` })).toThrow(/at most 39 characters/);
});

test('a forged token is invalid: made with a key not in the ring, made up, or cut short', () => {
  const forger = ring('2026-01', { '2026-01': key() });
  expect(verifyApplicantLink(before, signApplicantLink(forger, CLAIMS), justBefore)).toEqual(INVALID);
  // A forged token is invalid, never "expired", even when its expiry has passed.
  expect(verifyApplicantLink(before, signApplicantLink(forger, CLAIMS), new Date('2030-01-01T00:00:00Z'))).toEqual(INVALID);
  const token = signApplicantLink(before, CLAIMS);
  for (const bad of ['', 'x', 'not a token', `${token}=`, `${token}.`, token.slice(0, -1), token.slice(0, 40), `${token}AAAA`, 'A'.repeat(5000)]) {
    expect(verifyApplicantLink(before, bad, justBefore)).toEqual(INVALID);
  }
});

test('a tampered token is invalid: another case number, a later expiry, another version, any bit', () => {
  const token = signApplicantLink(before, CLAIMS);
  const otherCase = altered(token, (b) => b.write('NL-20261123-1A2B3C4E', CASE_AT, 'latin1'));
  expect(Buffer.from(otherCase, 'base64url').toString('latin1')).toContain('NL-20261123-1A2B3C4E');
  expect(verifyApplicantLink(before, otherCase, justBefore)).toEqual(INVALID);
  const later = altered(token, (b) => b.writeUInt32BE(b.readUInt32BE(EXPIRY_AT) + 86_400, EXPIRY_AT));
  expect(verifyApplicantLink(before, later, justBefore)).toEqual(INVALID);
  // An expired token made to look current is invalid, not valid again.
  expect(verifyApplicantLink(before, later, EXPIRES)).toEqual(INVALID);
  expect(
    verifyApplicantLink(
      before,
      altered(token, (b) => (b[0] = 2)),
      justBefore,
    ),
  ).toEqual(INVALID);
  const bytes = Buffer.from(token, 'base64url');
  for (let i = 0; i < bytes.length; i++) {
    for (const bit of [0x01, 0x10, 0x80])
      expect(
        verifyApplicantLink(
          before,
          altered(token, (b) => (b[i]! ^= bit)),
          justBefore,
        ),
      ).toEqual(INVALID);
  }
});

test('rotation: a token of the older key still in the ring verifies; new tokens use the current key; a removed key fails', () => {
  const old = signApplicantLink(before, CLAIMS);
  expect(verifyApplicantLink(rotated, old, justBefore, EMAIL)).toEqual(VALID);
  const current = signApplicantLink(rotated, CLAIMS);
  expect(current).not.toBe(old);
  expect(verifyApplicantLink(rotated, current, justBefore, EMAIL)).toEqual(VALID);
  expect(verifyApplicantLink(retired, current, justBefore, EMAIL)).toEqual(VALID);
  expect(verifyApplicantLink(retired, old, justBefore)).toEqual(INVALID);
  expect(verifyApplicantLink(before, current, justBefore)).toEqual(INVALID);
  // The token names its key by the key itself (a fingerprint derived from it), so renaming a key keeps its links.
  expect(verifyApplicantLink(ring('renamed', { renamed: OLD }), old, justBefore)).toEqual(VALID);
});

test('signing refuses what no link may carry', () => {
  expect(() => signApplicantLink(before, { ...CLAIMS, caseNumber: 'not a case' })).toThrow(/case number/);
  expect(() => signApplicantLink(before, { ...CLAIMS, email: ' ' })).toThrow(/e-mail/);
  expect(() => signApplicantLink(before, { ...CLAIMS, expiresAt: new Date(Number.NaN) })).toThrow(/expiry/);
  expect(() => signApplicantLink(ring('gone', { '2026-01': OLD }), CLAIMS)).toThrow(/"gone"/);
});

test('the link is DOSSIER_PUBLIC_URL/a/TOKEN, or http://DOSSIER_HTTP_ADDRESS/a/TOKEN without a public URL', () => {
  expect(applicantLinkUrl({ DOSSIER_PUBLIC_URL: 'https://dossier.example.test', DOSSIER_HTTP_ADDRESS: '127.0.0.1:8080' }, 'abc_-1')).toBe(
    'https://dossier.example.test/a/abc_-1',
  );
  expect(applicantLinkUrl({ DOSSIER_PUBLIC_URL: 'https://office.example.test/dossier/', DOSSIER_HTTP_ADDRESS: '127.0.0.1:8080' }, 'abc')).toBe(
    'https://office.example.test/dossier/a/abc',
  );
  expect(applicantLinkUrl({ DOSSIER_PUBLIC_URL: undefined, DOSSIER_HTTP_ADDRESS: '127.0.0.1:8080' }, 'abc')).toBe('http://127.0.0.1:8080/a/abc');
});
