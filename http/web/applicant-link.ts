/**
 * The applicant's signed link (issue 17; platform/links.ts) and the pages for a link that no longer works.
 *
 * - `GET /a/:token`: a valid link goes on (303) to `/a/:token/case`, the applicant's case page. An
 *   expired link answers **410 Gone** (the link existed and has ended on purpose), a link that is not
 *   valid (malformed, forged, altered, or made with a key no longer in the ring) **404 Not Found**
 *   (nothing is there, and a forger learns nothing more). Both pages say so plainly and offer the form below.
 * - `GET /a/renew`: the form alone. `POST /a/renew` (case number, e-mail address): when the address is
 *   the case's applicant's, one e-mail with a fresh link (valid DOSSIER_LINK_DAYS) goes to that address.
 *   Whatever happened (sent, another address, no such case, too many requests), the answer is the
 *   same page, "if the address matches the case, a new link is on its way", and the mail is sent after
 *   the answer, so neither the page nor its timing tells whether the address belongs to the case.
 *   Requests are limited per address and per case number (five an hour, LoginThrottle of http/auth.ts);
 *   the anonymous form carries a double-submit CSRF token as the login form does (403 without it).
 *
 * The pages are in English, Dutch and Norwegian (`?lang=`, else Accept-Language), with their own
 * dictionary: the caseworker app's (i18n.ts) has no Norwegian. Tokens stay out of the request log (the
 * link route logs at warn only); denials are logged with the reason alone, never a case, an address or a token.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { escapeHtml as escapeMailHtml, outboxMailer, smtpMailer, type Mailer } from '../../platform/mailer';
import { CaseNumberSchema, type Contact } from '../../domain/case';
import { isJurisdiction, jurisdictionPack } from '../../domain/jurisdictions';
import { keyRingFor } from '../../platform/data-converter';
import { applicantContactOf } from '../../platform/history/application-of';
import { applicantLinkUrl, signApplicantLink, verifyApplicantLink } from '../../platform/links';
import { LoginThrottle } from '../auth';
import type { ApiContext } from '../server';
import { type Html, html } from './html';
import { isPublicLang, PUBLIC_LOCALES, type PublicLang, publicPage, sendPublicPage } from './public-page';

const CSRF_COOKIE = 'dossier_link_csrf';
type LinkLang = PublicLang;
const LOCALES = PUBLIC_LOCALES;

const en = {
  app: 'Your residence case',
  skip: 'Skip to main content',
  language: 'Language',
  'expired.title': 'This link has expired',
  'expired.text':
    'The links in our letters work for a limited time, and this one has ended. ' +
    'Ask for a new link below: we send it by e-mail to the address we have for your case.',
  'invalid.title': 'This link does not work',
  'invalid.text': 'The link is incomplete or not valid. Check that you copied the whole link from the letter, or ask for a new link below.',
  'renew.title': 'Ask for a new link',
  'renew.text': 'We send a new link to your case by e-mail, to the address we have for your case.',
  'form.legend': 'Send me a new link',
  'form.caseNumber': 'Case number',
  'form.caseNumberHint': 'It is in every letter, for example NL-20261123-1A2B3C4D.',
  'form.email': 'E-mail address',
  'form.emailHint': 'The address our letters are sent to.',
  'form.submit': 'Send a new link',
  'form.errors': 'Please correct the form:',
  'form.required': 'fill in this field',
  'form.badCaseNumber': 'a case number looks like NL-20261123-1A2B3C4D',
  'form.badEmail': 'fill in an e-mail address, for example name@example.com',
  'form.csrf': 'This form had expired. It has been renewed: please send it again.',
  'sent.title': 'Check your e-mail',
  'sent.text': 'If the address matches the case, a new link is on its way. It can take a few minutes to arrive.',
  'sent.nothing': 'If nothing arrives, check the case number and the address, or contact the office that wrote to you.',
  'sent.again': 'Ask again',
  'mail.subject': 'A new link to your case',
  'mail.greeting': 'Dear {name},',
  'mail.text': 'You asked for a new link to your case {caseNumber}. Here it is:',
  'mail.until': 'The link works until {until}. Do not share it: whoever has it can open your case.',
  'mail.ignore': 'If you did not ask for a new link, you can ignore this e-mail.',
};
type Key = keyof typeof en;

const nl: Record<Key, string> = {
  app: 'Uw verblijfszaak',
  skip: 'Naar de inhoud',
  language: 'Taal',
  'expired.title': 'Deze link is verlopen',
  'expired.text':
    'De links in onze brieven werken een beperkte tijd, en deze is verlopen. ' +
    'Vraag hieronder een nieuwe link aan: wij sturen die per e-mail naar het adres dat wij voor uw zaak hebben.',
  'invalid.title': 'Deze link werkt niet',
  'invalid.text': 'De link is onvolledig of ongeldig. Controleer of u de hele link uit de brief hebt overgenomen, of vraag hieronder een nieuwe link aan.',
  'renew.title': 'Een nieuwe link aanvragen',
  'renew.text': 'Wij sturen een nieuwe link naar uw zaak per e-mail, naar het adres dat wij voor uw zaak hebben.',
  'form.legend': 'Stuur mij een nieuwe link',
  'form.caseNumber': 'Zaaknummer',
  'form.caseNumberHint': 'Het staat in elke brief, bijvoorbeeld NL-20261123-1A2B3C4D.',
  'form.email': 'E-mailadres',
  'form.emailHint': 'Het adres waarnaar wij onze brieven sturen.',
  'form.submit': 'Nieuwe link sturen',
  'form.errors': 'Verbeter het formulier:',
  'form.required': 'vul dit veld in',
  'form.badCaseNumber': 'een zaaknummer ziet er zo uit: NL-20261123-1A2B3C4D',
  'form.badEmail': 'vul een e-mailadres in, bijvoorbeeld naam@voorbeeld.nl',
  'form.csrf': 'Dit formulier was verlopen en is vernieuwd: verstuur het opnieuw.',
  'sent.title': 'Kijk in uw e-mail',
  'sent.text': 'Als het adres bij de zaak hoort, is een nieuwe link onderweg. Het kan een paar minuten duren voor die aankomt.',
  'sent.nothing': 'Komt er niets, controleer dan het zaaknummer en het adres, of neem contact op met de dienst die u heeft geschreven.',
  'sent.again': 'Opnieuw aanvragen',
  'mail.subject': 'Een nieuwe link naar uw zaak',
  'mail.greeting': 'Geachte {name},',
  'mail.text': 'U heeft een nieuwe link gevraagd naar uw zaak {caseNumber}. Hier is hij:',
  'mail.until': 'De link werkt tot {until}. Deel hem met niemand: wie de link heeft, kan uw zaak openen.',
  'mail.ignore': 'Heeft u geen nieuwe link gevraagd, dan kunt u deze e-mail negeren.',
};

const no: Record<Key, string> = {
  app: 'Oppholdssaken din',
  skip: 'Gå til innholdet',
  language: 'Språk',
  'expired.title': 'Denne lenken har utløpt',
  'expired.text':
    'Lenkene i brevene våre virker bare en viss tid, og denne har utløpt. ' +
    'Be om en ny lenke nedenfor: vi sender den på e-post til adressen vi har for saken din.',
  'invalid.title': 'Denne lenken virker ikke',
  'invalid.text': 'Lenken er ufullstendig eller ugyldig. Sjekk at du har kopiert hele lenken fra brevet, eller be om en ny lenke nedenfor.',
  'renew.title': 'Be om en ny lenke',
  'renew.text': 'Vi sender en ny lenke til saken din på e-post, til adressen vi har for saken din.',
  'form.legend': 'Send meg en ny lenke',
  'form.caseNumber': 'Saksnummer',
  'form.caseNumberHint': 'Det står i hvert brev, for eksempel NO-20261123-1A2B3C4D.',
  'form.email': 'E-postadresse',
  'form.emailHint': 'Adressen brevene våre sendes til.',
  'form.submit': 'Send ny lenke',
  'form.errors': 'Rett opp skjemaet:',
  'form.required': 'fyll ut dette feltet',
  'form.badCaseNumber': 'et saksnummer ser slik ut: NO-20261123-1A2B3C4D',
  'form.badEmail': 'skriv en e-postadresse, for eksempel navn@eksempel.no',
  'form.csrf': 'Skjemaet var utløpt og er fornyet: send det på nytt.',
  'sent.title': 'Sjekk e-posten din',
  'sent.text': 'Hvis adressen hører til saken, er en ny lenke på vei. Det kan ta noen minutter før den kommer.',
  'sent.nothing': 'Kommer det ingenting, sjekk saksnummeret og adressen, eller kontakt kontoret som skrev til deg.',
  'sent.again': 'Be om en ny lenke igjen',
  'mail.subject': 'En ny lenke til saken din',
  'mail.greeting': 'Hei {name},',
  'mail.text': 'Du har bedt om en ny lenke til saken din {caseNumber}. Her er den:',
  'mail.until': 'Lenken virker til {until}. Ikke del den: den som har lenken, kan åpne saken din.',
  'mail.ignore': 'Har du ikke bedt om en ny lenke, kan du se bort fra denne e-posten.',
};

const TEXTS: Record<LinkLang, Record<Key, string>> = { en, nl, no };

type T = (key: Key, values?: Record<string, string>) => string;
const translator =
  (lang: LinkLang): T =>
  (key, values = {}) =>
    TEXTS[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);

const isLinkLang = isPublicLang;

/** The first language of Accept-Language, by weight, that the pages speak (Bokmål and Nynorsk read the Norwegian pages). */
function fromAcceptLanguage(header: string | undefined): LinkLang | null {
  const asked = (header ?? '')
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { primary: tag.split('-')[0]!, q: q === undefined ? 1 : Number(q), index };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { primary } of asked) {
    const lang = primary === 'nb' || primary === 'nn' ? 'no' : primary;
    if (isLinkLang(lang)) return lang;
  }
  return null;
}

/** `?lang=` (or the form's `lang`), else Accept-Language, else English. */
function langOf(request: FastifyRequest): LinkLang {
  const asked = (request.query as Record<string, unknown> | undefined)?.lang ?? (request.body as Record<string, unknown> | undefined)?.lang;
  return isLinkLang(asked) ? asked : (fromAcceptLanguage(request.headers['accept-language']) ?? 'en');
}

/** A page of the applicant's (http/web/public-page.ts). */
function page(lang: LinkLang, path: string, title: string, body: Html | Html[]): Html {
  const t = translator(lang);
  return publicPage({ lang, app: t('app'), skip: t('skip'), language: t('language') }, path, title, body);
}

type Field = 'caseNumber' | 'email';

interface FormState {
  caseNumber: string;
  email: string;
  errors: Map<Field, string>;
  message: string | null;
}

const emptyForm = (): FormState => ({ caseNumber: '', email: '', errors: new Map(), message: null });

function renewForm(t: T, lang: LinkLang, csrfToken: string, state: FormState): Html {
  const labels: Record<Field, string> = { caseNumber: t('form.caseNumber'), email: t('form.email') };
  const field = (name: Field, hint: string, autocomplete: string, inputmode: string) => {
    const id = `field-${name}`;
    const error = state.errors.get(name);
    const describedBy = [error && `${id}-error`, `${id}-hint`].filter(Boolean).join(' ');
    return html`<div class="field">
<label for="${id}">${labels[name]}</label>
<p class="hint" id="${id}-hint">${hint}</p>
${error && html`<p class="error" id="${id}-error">${error}</p>`}
<input id="${id}" name="${name}" type="text" inputmode="${inputmode}" autocomplete="${autocomplete}" spellcheck="false"
 value="${state[name]}" aria-describedby="${describedBy}"${error ? html` aria-invalid="true"` : ''}>
</div>`;
  };
  return html`${state.message && html`<p class="problem" role="alert">${state.message}</p>`}
${
  state.errors.size > 0 &&
  html`<div class="error-summary" role="alert"><h2>${t('form.errors')}</h2><ul>${[...state.errors].map(
    ([name, error]) => html`<li><a href="#field-${name}">${labels[name]}: ${error}</a></li>`,
  )}</ul></div>`
}
<form method="post" action="/a/renew" class="login" novalidate>
<fieldset>
<legend>${t('form.legend')}</legend>
<input type="hidden" name="_csrf" value="${csrfToken}">
<input type="hidden" name="lang" value="${lang}">
${field('caseNumber', t('form.caseNumberHint'), 'off', 'text')}
${field('email', t('form.emailHint'), 'email', 'email')}
<button type="submit">${t('form.submit')}</button>
</fieldset>
</form>`;
}

/** Equal strings, compared in constant time (by their bytes: strings of one length may differ in bytes). */
function same(a: string, b: string): boolean {
  const [x, y] = [Buffer.from(a), Buffer.from(b)];
  return x.length === y.length && timingSafeEqual(x, y);
}
/** Throttle keys: the case number as it is (not personal data: it is the workflow id), the address only as a hash. */
const throttleKeys = (caseNumber: string, email: string) => [`case:${caseNumber}`, `email:${createHash('sha256').update(email).digest('base64url')}`];
const normalEmail = (email: string) => email.trim().toLowerCase();

const RenewForm = (t: T) =>
  z.object({
    caseNumber: z
      .string({ error: t('form.required') })
      .trim()
      .toUpperCase()
      .min(1, t('form.required'))
      .max(255, t('form.badCaseNumber'))
      .refine((value) => CaseNumberSchema.safeParse(value).success, t('form.badCaseNumber')),
    email: z
      .string({ error: t('form.required') })
      .trim()
      .min(1, t('form.required'))
      .max(320, t('form.badEmail'))
      .pipe(z.email({ error: t('form.badEmail') })),
  });

export function applicantLinkRoutes(app: FastifyInstance, context: ApiContext): void {
  const { config, client } = context;
  const secure = context.cookies.secure;
  const throttle = new LoginThrottle(5, 60 * 60_000);
  let mailer: Mailer | undefined;
  // As the worker sends notices: SMTP at SMTP_URL, else `.eml` files in the outbox folder. Made on first use.
  const mailerNow = () => (mailer ??= config.SMTP_URL ? smtpMailer(config.SMTP_URL, config.MAIL_FROM) : outboxMailer(config.outboxDir, config.MAIL_FROM));
  app.addHook('onClose', async () => mailer?.close());

  /** The form's CSRF value: the session's token when there is a session (the server checks it), else a fresh double-submit token. */
  const formToken = (request: FastifyRequest, reply: FastifyReply): string => {
    if (request.via?.kind === 'session') return request.via.csrfToken;
    const token = randomBytes(32).toString('base64url');
    reply.setCookie(CSRF_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure, path: '/a', maxAge: 3600 });
    return token;
  };

  const logDenied = (request: FastifyRequest, status: number, reason: string) =>
    request.log.warn({ denied: { status, method: request.method, route: request.routeOptions.url ?? 'unknown', reason } }, 'request denied');

  const formPage = (request: FastifyRequest, reply: FastifyReply, status: number, which: 'expired' | 'invalid' | 'renew', state = emptyForm()) => {
    const lang = langOf(request);
    const t = translator(lang);
    const path = request.url.split('?')[0]!;
    const body = html`<p>${t(`${which}.text`)}</p>
${renewForm(t, lang, formToken(request, reply), state)}`;
    return sendPublicPage(reply, status, page(lang, path, t(`${which}.title`), body));
  };

  /** The one answer to every well-formed renewal request. */
  const sentPage = (request: FastifyRequest, reply: FastifyReply) => {
    const lang = langOf(request);
    const t = translator(lang);
    const body = html`<p class="notice" role="status">${t('sent.text')}</p>
<p>${t('sent.nothing')}</p>
<p><a href="/a/renew?lang=${lang}">${t('sent.again')}</a></p>`;
    return sendPublicPage(reply, 200, page(lang, '/a/renew', t('sent.title'), body));
  };

  app.get('/a/renew', async (request, reply) => formPage(request, reply, 200, 'renew'));

  // Warn level: the request log would otherwise keep every token followed.
  app.get('/a/:token', { logLevel: 'warn' }, async (request, reply) => {
    const { token } = request.params as { token: string };
    const check = verifyApplicantLink(keyRingFor(config), token);
    if (check.ok) {
      return reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer').redirect(`/a/${token}/case`, 303);
    }
    const status = check.reason === 'expired' ? 410 : 404;
    logDenied(request, status, check.reason === 'expired' ? 'the applicant link has expired' : 'the applicant link is not valid');
    return formPage(request, reply, status, check.reason);
  });

  app.post('/a/renew', async (request, reply) => {
    const t = translator(langOf(request));
    const body = (request.body && typeof request.body === 'object' ? request.body : {}) as Record<string, unknown>;
    const text = (name: Field) => (typeof body[name] === 'string' ? (body[name] as string).slice(0, 320) : '');
    const again = (status: number, state: Partial<FormState>) =>
      formPage(request, reply, status, 'renew', { ...emptyForm(), caseNumber: text('caseNumber'), email: text('email'), ...state });

    // With a session, the server's CSRF check has compared `_csrf` with the session's token already.
    if (request.via?.kind !== 'session') {
      const cookie = request.cookies[CSRF_COOKIE];
      if (typeof body._csrf !== 'string' || !cookie || !same(body._csrf, cookie)) {
        logDenied(request, 403, 'link renewal CSRF token missing or wrong');
        return again(403, { message: t('form.csrf') });
      }
    }
    const parsed = RenewForm(t).safeParse(body);
    if (!parsed.success) {
      const errors = new Map<Field, string>();
      for (const issue of parsed.error.issues) if (!errors.has(issue.path[0] as Field)) errors.set(issue.path[0] as Field, issue.message);
      return again(400, { errors });
    }
    const { caseNumber } = parsed.data;
    const email = normalEmail(parsed.data.email);
    const keys = throttleKeys(caseNumber, email);
    if (throttle.retryAfter(keys) > 0) {
      logDenied(request, 200, 'too many link renewals for this case or address');
      return sentPage(request, reply);
    }
    throttle.fail(keys); // every request counts: the limit bounds the mail one case can cause

    let contact: Contact | null;
    try {
      contact = await applicantContactOf(client, caseNumber);
    } catch (err) {
      request.log.error({ err: { name: (err as Error).name, code: (err as { code?: unknown }).code } }, 'link renewal: the case could not be read');
      return sentPage(request, reply);
    }
    if (!contact) {
      logDenied(request, 200, 'link renewal for no such case');
    } else if (!same(normalEmail(contact.email), email)) {
      logDenied(request, 200, 'link renewal for an address that is not the applicant');
    } else {
      // After the answer: the time the page takes does not depend on the address.
      const log = request.log;
      setImmediate(() => {
        // Inside the promise: a mailer that cannot even be made is a logged failure, not an uncaught exception.
        Promise.resolve()
          .then(() => sendFreshLink(mailerNow(), context, contact, caseNumber))
          .then(
            () => log.info({ applicantLink: { outcome: 'fresh link sent' } }, 'link renewal'),
            (err: Error & { responseCode?: number }) => {
              // A mail server's answer may quote the address: then only its code is logged.
              const message = err.message.includes('@') ? undefined : err.message;
              log.error({ applicantLink: { outcome: 'fresh link not sent', error: err.name, message, responseCode: err.responseCode } }, 'link renewal failed');
            },
          );
      });
    }
    return sentPage(request, reply);
  });
}

/** One e-mail to the case's applicant, in their language, with a link valid DOSSIER_LINK_DAYS from now. */
async function sendFreshLink(mailer: Mailer, { config }: ApiContext, contact: Contact, caseNumber: string): Promise<void> {
  const lang = contact.language;
  const t = translator(lang);
  const expiresAt = new Date(Date.now() + config.DOSSIER_LINK_DAYS * 24 * 3600_000);
  const url = applicantLinkUrl(config, signApplicantLink(keyRingFor(config), { caseNumber, email: contact.email, expiresAt }));
  const jurisdiction = caseNumber.slice(0, 2);
  const pack = isJurisdiction(jurisdiction) ? jurisdictionPack(jurisdiction) : null;
  const until = new Intl.DateTimeFormat(LOCALES[lang], {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: pack?.timeZone ?? 'UTC',
    timeZoneName: 'short',
  }).format(expiresAt);
  const office = config.DOSSIER_OFFICE_NAME ?? pack?.letters.authority;
  const paragraphs = [
    t('mail.greeting', { name: contact.name }),
    t('mail.text', { caseNumber }),
    url,
    t('mail.until', { until }),
    t('mail.ignore'),
    ...(office ? [office] : []),
  ];
  const subject = `[${caseNumber}] ${t('mail.subject')}`;
  await mailer.deliver({
    key: `${caseNumber}.link.${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`,
    to: contact.email,
    subject,
    text: `${paragraphs.join('\n\n')}\n`,
    html:
      `<!DOCTYPE html>\n<html lang="${LOCALES[lang]}"><head><meta charset="utf-8"><title>${escapeMailHtml(subject)}</title></head>\n<body>\n` +
      paragraphs.map((p) => (p === url ? `<p><a href="${escapeMailHtml(url)}">${escapeMailHtml(url)}</a></p>` : `<p>${escapeMailHtml(p)}</p>`)).join('\n') +
      '\n</body></html>\n',
    language: LOCALES[lang],
  });
}
