/**
 * The applicant's page (issue 17), reached by the signed link in every notice; there are no
 * applicant accounts. Every request verifies the link (platform/links.ts) with the configured key
 * ring; the case is the one the link names and no other (no case number is ever read from the URL
 * or a form). An expired or invalid link goes back to `/a/:token`, which explains and offers a new one.
 *
 * - `GET /a/:token/case`: in the applicant's language (the case's contact language; `?lang=`
 *   overrides): where the case stands in plain words, each deadline with its date and the office's
 *   time zone named, what to do before it (and what happens now that it has passed), the documents
 *   asked for, the documents sent, the notices sent, and only the actions the case would take from
 *   the applicant now: supply evidence (upload), lodge an objection or appeal while its period runs
 *   (reasons, optional files), withdraw (after a confirmation page). A permit holder whose permit
 *   offers renewal is told by when and how to apply. A link that names a permit (`<case>-P1`, from a
 *   permit's notices) shows the holder's page instead (./holder.ts), where the renewal is filed.
 * - `POST /a/:token/case/evidence`, `/objection` (multipart/form-data, read by ./multipart.ts and
 *   streamed into the document store, which refuses a file over DOSSIER_DOCUMENT_MAX_BYTES (413) or
 *   not a PDF, JPEG or PNG by its content (415): the page says so and the case is not changed);
 *   `GET|POST /a/:token/case/withdraw`.
 *
 * Actions go through the same update as everyone's (platform/cases.ts actOnCase) with the actor
 * `{ role: 'applicant', id: 'link' }`, shown in the history as "applicant (via link)". The case
 * records each document's hash, name, type and size, never its content. Every form carries a token
 * derived from the link (HMAC under a key derived from the key ring), checked on POST. Pages are not
 * cached, send no referrer (the token is in the URL) and are logged at warn level only.
 */
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { formatDeadline, formatLegalDate, renderNotice } from '../../activities/notices';
import { NOTICE_TEXTS } from '../../activities/notice-texts';
import { localDateOf } from '../../domain/calendar';
import type { Contact } from '../../domain/case';
import type { CaseActionInput, DocumentFile } from '../../domain/case-actions';
import { isJurisdiction, jurisdictionPack } from '../../domain/jurisdictions';
import type { Notice, NoticeDeadline } from '../../domain/notices';
import { PERMISSIONS } from '../../domain/roles';
import { actOnCase, caseHistory, caseStatus } from '../../platform/cases';
import { keyRingFor } from '../../platform/data-converter';
import { DocumentRejected, type DocumentStore, documentStoreFor, type StoredDocument } from '../../platform/documents';
import { NotFoundError, RefusedError } from '../../platform/errors';
import { type CaseDocument, caseDocuments } from '../../platform/history/case-documents';
import type { DecodedEvent } from '../../platform/history/decode';
import { VIA_LINK_ID } from '../../platform/history/timeline';
import { applicantContactOf } from '../../platform/history/application-of';
import { verifyApplicantLink } from '../../platform/links';
import { isPermitNumber } from '../../domain/permit';
import { permitStatus } from '../../platform/permits';
import type { CaseStatus } from '../../workflows/definitions';
import type { ApiContext } from '../server';
import { type Html, html, type HtmlValue } from './html';
import { isPublicLang, PUBLIC_LOCALES, type PublicLang, publicPage, section, sendPublicPage } from './public-page';
import { holderPage } from './holder';
import { boundaryOf, MultipartError, parts, textOf } from './multipart';
import { zoneOf } from './time';

type Lang = PublicLang;
const LOCALES = PUBLIC_LOCALES;
const OWN_ACTIONS = ['supply-evidence', 'lodge-objection', 'withdraw'] as const;
type OwnAction = (typeof OWN_ACTIONS)[number];
const MAX_FILES = 20;
const MAX_FIELD_BYTES = 64 * 1024;

const en = {
  app: 'Your residence case',
  skip: 'Skip to main content',
  language: 'Language',
  title: 'Your case {caseNumber}',
  'done.supply-evidence': 'Thank you: we have received your documents.',
  'done.lodge-objection': 'Thank you: we have received your {remedy}.',
  'done.withdraw': 'Your application has been withdrawn.',
  'state.heading': 'Where your case stands',
  'state.submitted': 'We have received your application and are checking whether it is complete.',
  'state.completenessCheck': 'We have received your application and are checking whether it is complete.',
  'state.awaitingEvidence': 'We need more documents from you before we can decide on your application.',
  'state.cureExpired':
    'The deadline for sending documents has passed. We will now decide on the documents we have, ' +
    'or we may decide not to process your application. You can no longer send documents here.',
  'state.readyForDecision': 'Your application is complete. We are assessing it and will then decide.',
  'state.awaitingReport': 'We have asked for an official report on the situation in your country of origin. We will decide when we have it.',
  'state.decided': 'We have decided on your application.',
  'state.objectionPeriod': 'We have decided on your application. If you disagree, you can send us your {remedy} while the period below runs.',
  'state.objectionPeriodOver': 'The period for a {remedy} has ended. The decision stands unless you had sent a {remedy} in time.',
  'state.reconsideration': 'We have received your {remedy} and are looking at our decision again.',
  'state.closed': 'Your case is closed.',
  'state.withdrawn': 'You withdrew your application. Your case is closed without a decision.',
  'state.other': 'Your case is being handled.',
  'decision.line': 'Decision of {date}: your application was {outcome}.',
  'outcome.granted': 'granted',
  'outcome.refused': 'refused',
  'outcome.not-processed': 'not processed',
  'deadlines.heading': 'Deadlines',
  'deadlines.none': 'No deadline is running for you now.',
  'deadline.endOfDay': 'until the end of the day, {zone}',
  'deadline.cure': 'Send the documents asked for',
  'deadline.cure.todo': 'Send the documents listed below by this date, using the form on this page.',
  'deadline.cure.passed': 'This deadline has passed. We will decide on the documents we have, or may decide not to process your application.',
  'deadline.objection': 'Send your {remedy}',
  'deadline.objection.todo': 'If you disagree with the decision, send your {remedy} by this date, using the form on this page.',
  'deadline.objection.passed': 'This deadline has passed: a {remedy} can no longer be sent here.',
  'deadline.decision': 'Our decision',
  'deadline.decision.todo': 'We decide by this date at the latest. You do not need to do anything for it.',
  'deadline.decision.suspended': 'The period for our decision is on hold since {date} (while we wait for your documents or a report).',
  'deadline.renewal': 'Apply to renew your permit',
  'deadline.renewal.todo': 'Apply for renewal by this date: the link in our renewal letter opens the renewal form.',
  'missing.heading': 'Documents we asked for',
  'actions.heading': 'What you can do now',
  'actions.none': 'There is nothing you need to do on this page now.',
  'evidence.legend': 'Send your documents',
  'evidence.files': 'Your documents',
  'evidence.hint': 'PDF, JPEG or PNG files, at most {max} each. You can choose several files at once.',
  'evidence.submit': 'Send the documents',
  'objection.legend': 'Send your {remedy}',
  'objection.reasons': 'Your reasons',
  'objection.reasonsHint': 'Why do you disagree with the decision, and what change do you ask for?',
  'objection.files': 'Documents that support your {remedy} (optional)',
  'objection.submit': 'Send my {remedy}',
  'withdraw.heading': 'Withdraw your application',
  'withdraw.text': 'If you no longer want a decision, you can withdraw your application.',
  'withdraw.link': 'Withdraw my application',
  'withdraw.confirmTitle': 'Are you sure you want to withdraw?',
  'withdraw.confirmText':
    'If you withdraw, we close your case without a decision. This cannot be undone: if you want a permit after all, you must apply again.',
  'withdraw.confirm': 'Yes, withdraw my application',
  'withdraw.back': 'No, go back to my case',
  'sent.heading': 'Documents you sent',
  'notices.heading': 'Letters we sent you',
  'notices.none': 'We have not sent you a letter yet.',
  'col.date': 'Date ({zone})',
  'col.letter': 'Letter',
  'col.file': 'File',
  'col.size': 'Size',
  'renewal.heading': 'Renewing your permit',
  'renewal.text': 'Your residence permit is valid until {date}. You can apply to renew it.',
  'error.title': 'Something went wrong',
  'error.back': 'Back to your case',
  'error.csrf': 'This form had expired. Go back to your case, reload the page and send it again.',
  'error.notOffered': 'This cannot be done in your case now.',
  'error.refused': 'Your case did not accept this: {reason}',
  'error.noFiles': 'Choose at least one file to send.',
  'error.tooMany': 'Send at most {max} files at once.',
  'error.tooLarge': 'The file "{name}" is too large: at most {max} is accepted. Nothing has been sent; please send a smaller file.',
  'error.type': 'The file "{name}" is not a PDF, JPEG or PNG file (we check its content, not its name). Nothing has been sent.',
  'error.name': 'The file name "{name}" cannot be used: {detail}. Rename the file and send it again.',
  'error.form': 'The form could not be read: {detail}',
  'error.reasons': 'Write your reasons.',
  'error.noCase': 'We cannot find your case. Contact the office that wrote to you.',
  remedy: 'objection',
  'remedy.appeal': 'appeal',
  bytes: '{n} bytes',
  kib: '{n} KB',
  mib: '{n} MB',
};
type Key = keyof typeof en;

const nl: Record<Key, string> = {
  app: 'Uw verblijfszaak',
  skip: 'Naar de inhoud',
  language: 'Taal',
  title: 'Uw zaak {caseNumber}',
  'done.supply-evidence': 'Dank u: wij hebben uw documenten ontvangen.',
  'done.lodge-objection': 'Dank u: wij hebben uw {remedy} ontvangen.',
  'done.withdraw': 'Uw aanvraag is ingetrokken.',
  'state.heading': 'Hoe uw zaak ervoor staat',
  'state.submitted': 'Wij hebben uw aanvraag ontvangen en kijken of die compleet is.',
  'state.completenessCheck': 'Wij hebben uw aanvraag ontvangen en kijken of die compleet is.',
  'state.awaitingEvidence': 'Wij hebben nog documenten van u nodig voordat wij kunnen beslissen.',
  'state.cureExpired':
    'De termijn om documenten te sturen is voorbij. Wij beslissen nu op basis van de documenten die wij hebben, ' +
    'of besluiten uw aanvraag niet te behandelen. U kunt hier geen documenten meer sturen.',
  'state.readyForDecision': 'Uw aanvraag is compleet. Wij beoordelen haar en beslissen daarna.',
  'state.awaitingReport': 'Wij hebben een ambtsbericht gevraagd over de situatie in uw land van herkomst. Wij beslissen als wij het hebben.',
  'state.decided': 'Wij hebben op uw aanvraag beslist.',
  'state.objectionPeriod':
    'Wij hebben op uw aanvraag beslist. Bent u het er niet mee eens, dan kunt u ons uw {remedy} sturen zolang de termijn hieronder loopt.',
  'state.objectionPeriodOver': 'De termijn voor {remedy} is voorbij. Het besluit blijft staan, tenzij u op tijd {remedy} had gemaakt.',
  'state.reconsideration': 'Wij hebben uw {remedy} ontvangen en kijken opnieuw naar ons besluit.',
  'state.closed': 'Uw zaak is afgesloten.',
  'state.withdrawn': 'U heeft uw aanvraag ingetrokken. Uw zaak is zonder besluit afgesloten.',
  'state.other': 'Uw zaak is in behandeling.',
  'decision.line': 'Besluit van {date}: uw aanvraag is {outcome}.',
  'outcome.granted': 'ingewilligd',
  'outcome.refused': 'afgewezen',
  'outcome.not-processed': 'buiten behandeling gesteld',
  'deadlines.heading': 'Termijnen',
  'deadlines.none': 'Er loopt nu geen termijn voor u.',
  'deadline.endOfDay': 'tot het einde van de dag, {zone}',
  'deadline.cure': 'De gevraagde documenten sturen',
  'deadline.cure.todo': 'Stuur de documenten hieronder uiterlijk op deze datum, met het formulier op deze pagina.',
  'deadline.cure.passed':
    'Deze termijn is voorbij. Wij beslissen op basis van de documenten die wij hebben, of kunnen besluiten uw aanvraag niet te behandelen.',
  'deadline.objection': 'Uw {remedy} sturen',
  'deadline.objection.todo': 'Bent u het niet eens met het besluit, stuur dan uiterlijk op deze datum uw {remedy}, met het formulier op deze pagina.',
  'deadline.objection.passed': 'Deze termijn is voorbij: u kunt hier geen {remedy} meer sturen.',
  'deadline.decision': 'Ons besluit',
  'deadline.decision.todo': 'Wij beslissen uiterlijk op deze datum. U hoeft daarvoor niets te doen.',
  'deadline.decision.suspended': 'De termijn voor ons besluit staat stil sinds {date} (terwijl wij op uw documenten of een ambtsbericht wachten).',
  'deadline.renewal': 'Verlenging van uw vergunning aanvragen',
  'deadline.renewal.todo': 'Vraag uiterlijk op deze datum verlenging aan: de link in onze brief over verlenging opent het aanvraagformulier.',
  'missing.heading': 'Documenten die wij hebben gevraagd',
  'actions.heading': 'Wat u nu kunt doen',
  'actions.none': 'U hoeft op deze pagina nu niets te doen.',
  'evidence.legend': 'Uw documenten sturen',
  'evidence.files': 'Uw documenten',
  'evidence.hint': 'PDF-, JPEG- of PNG-bestanden, elk hoogstens {max}. U kunt meerdere bestanden tegelijk kiezen.',
  'evidence.submit': 'Documenten sturen',
  'objection.legend': 'Uw {remedy} sturen',
  'objection.reasons': 'Uw redenen',
  'objection.reasonsHint': 'Waarom bent u het niet eens met het besluit, en welke wijziging vraagt u?',
  'objection.files': 'Documenten bij uw {remedy} (niet verplicht)',
  'objection.submit': 'Mijn {remedy} sturen',
  'withdraw.heading': 'Uw aanvraag intrekken',
  'withdraw.text': 'Wilt u geen besluit meer, dan kunt u uw aanvraag intrekken.',
  'withdraw.link': 'Mijn aanvraag intrekken',
  'withdraw.confirmTitle': 'Weet u zeker dat u wilt intrekken?',
  'withdraw.confirmText':
    'Als u intrekt, sluiten wij uw zaak zonder besluit. Dit kan niet ongedaan worden gemaakt: wilt u toch een vergunning, dan moet u opnieuw aanvragen.',
  'withdraw.confirm': 'Ja, mijn aanvraag intrekken',
  'withdraw.back': 'Nee, terug naar mijn zaak',
  'sent.heading': 'Documenten die u stuurde',
  'notices.heading': 'Brieven die wij u stuurden',
  'notices.none': 'Wij hebben u nog geen brief gestuurd.',
  'col.date': 'Datum ({zone})',
  'col.letter': 'Brief',
  'col.file': 'Bestand',
  'col.size': 'Grootte',
  'renewal.heading': 'Uw vergunning verlengen',
  'renewal.text': 'Uw verblijfsvergunning is geldig tot en met {date}. U kunt verlenging aanvragen.',
  'error.title': 'Er ging iets mis',
  'error.back': 'Terug naar uw zaak',
  'error.csrf': 'Dit formulier was verlopen. Ga terug naar uw zaak, laad de pagina opnieuw en stuur het nog eens.',
  'error.notOffered': 'Dit kan in uw zaak nu niet.',
  'error.refused': 'Uw zaak nam dit niet aan: {reason}',
  'error.noFiles': 'Kies ten minste één bestand om te sturen.',
  'error.tooMany': 'Stuur hoogstens {max} bestanden tegelijk.',
  'error.tooLarge': 'Het bestand "{name}" is te groot: hoogstens {max} wordt aangenomen. Er is niets verstuurd; stuur een kleiner bestand.',
  'error.type': 'Het bestand "{name}" is geen PDF-, JPEG- of PNG-bestand (wij kijken naar de inhoud, niet naar de naam). Er is niets verstuurd.',
  'error.name': 'De bestandsnaam "{name}" kan niet worden gebruikt: {detail}. Geef het bestand een andere naam en stuur het opnieuw.',
  'error.form': 'Het formulier kon niet worden gelezen: {detail}',
  'error.reasons': 'Schrijf uw redenen.',
  'error.noCase': 'Wij kunnen uw zaak niet vinden. Neem contact op met de dienst die u schreef.',
  remedy: 'bezwaar',
  'remedy.appeal': 'beroep',
  bytes: '{n} bytes',
  kib: '{n} kB',
  mib: '{n} MB',
};

const no: Record<Key, string> = {
  app: 'Oppholdssaken din',
  skip: 'Gå til innholdet',
  language: 'Språk',
  title: 'Saken din {caseNumber}',
  'done.supply-evidence': 'Takk: vi har mottatt dokumentene dine.',
  'done.lodge-objection': 'Takk: vi har mottatt {remedy}n din.',
  'done.withdraw': 'Søknaden din er trukket tilbake.',
  'state.heading': 'Hvor saken din står',
  'state.submitted': 'Vi har mottatt søknaden din og sjekker om den er fullstendig.',
  'state.completenessCheck': 'Vi har mottatt søknaden din og sjekker om den er fullstendig.',
  'state.awaitingEvidence': 'Vi trenger flere dokumenter fra deg før vi kan avgjøre søknaden.',
  'state.cureExpired':
    'Fristen for å sende dokumenter er ute. Vi avgjør nå saken på grunnlag av dokumentene vi har, ' +
    'eller kan bestemme at søknaden ikke blir behandlet. Du kan ikke lenger sende dokumenter her.',
  'state.readyForDecision': 'Søknaden din er fullstendig. Vi vurderer den og avgjør den deretter.',
  'state.awaitingReport': 'Vi har bedt om en offisiell rapport om situasjonen i hjemlandet ditt. Vi avgjør saken når vi har den.',
  'state.decided': 'Vi har avgjort søknaden din.',
  'state.objectionPeriod': 'Vi har avgjort søknaden din. Er du uenig, kan du sende oss en {remedy} mens fristen nedenfor løper.',
  'state.objectionPeriodOver': 'Fristen for {remedy} er ute. Vedtaket står ved lag, med mindre du sendte en {remedy} i tide.',
  'state.reconsideration': 'Vi har mottatt {remedy}n din og ser på vedtaket på nytt.',
  'state.closed': 'Saken din er avsluttet.',
  'state.withdrawn': 'Du trakk søknaden din tilbake. Saken er avsluttet uten vedtak.',
  'state.other': 'Saken din er under behandling.',
  'decision.line': 'Vedtak av {date}: søknaden din ble {outcome}.',
  'outcome.granted': 'innvilget',
  'outcome.refused': 'avslått',
  'outcome.not-processed': 'avvist uten realitetsbehandling',
  'deadlines.heading': 'Frister',
  'deadlines.none': 'Ingen frist løper for deg nå.',
  'deadline.endOfDay': 'innen utgangen av dagen, {zone}',
  'deadline.cure': 'Send dokumentene vi har bedt om',
  'deadline.cure.todo': 'Send dokumentene nedenfor innen denne datoen, med skjemaet på denne siden.',
  'deadline.cure.passed': 'Fristen er ute. Vi avgjør saken på grunnlag av dokumentene vi har, eller kan bestemme at søknaden ikke blir behandlet.',
  'deadline.objection': 'Send {remedy}n din',
  'deadline.objection.todo': 'Er du uenig i vedtaket, send {remedy}n din innen denne datoen, med skjemaet på denne siden.',
  'deadline.objection.passed': 'Fristen er ute: du kan ikke lenger sende en {remedy} her.',
  'deadline.decision': 'Vedtaket vårt',
  'deadline.decision.todo': 'Vi avgjør saken senest denne datoen. Du trenger ikke gjøre noe for det.',
  'deadline.decision.suspended': 'Fristen for vedtaket står stille siden {date} (mens vi venter på dokumentene dine eller en rapport).',
  'deadline.renewal': 'Søk om fornyelse av tillatelsen',
  'deadline.renewal.todo': 'Søk om fornyelse innen denne datoen: lenken i brevet vårt om fornyelse åpner søknadsskjemaet.',
  'missing.heading': 'Dokumenter vi har bedt om',
  'actions.heading': 'Hva du kan gjøre nå',
  'actions.none': 'Du trenger ikke gjøre noe på denne siden nå.',
  'evidence.legend': 'Send dokumentene dine',
  'evidence.files': 'Dokumentene dine',
  'evidence.hint': 'PDF-, JPEG- eller PNG-filer, høyst {max} hver. Du kan velge flere filer samtidig.',
  'evidence.submit': 'Send dokumentene',
  'objection.legend': 'Send {remedy}n din',
  'objection.reasons': 'Begrunnelsen din',
  'objection.reasonsHint': 'Hvorfor er du uenig i vedtaket, og hvilken endring ønsker du?',
  'objection.files': 'Dokumenter som støtter {remedy}n (valgfritt)',
  'objection.submit': 'Send {remedy}n min',
  'withdraw.heading': 'Trekk søknaden tilbake',
  'withdraw.text': 'Vil du ikke lenger ha et vedtak, kan du trekke søknaden tilbake.',
  'withdraw.link': 'Trekk søknaden min tilbake',
  'withdraw.confirmTitle': 'Er du sikker på at du vil trekke søknaden tilbake?',
  'withdraw.confirmText':
    'Trekker du søknaden tilbake, avslutter vi saken uten vedtak. Dette kan ikke angres: vil du likevel ha tillatelse, må du søke på nytt.',
  'withdraw.confirm': 'Ja, trekk søknaden min tilbake',
  'withdraw.back': 'Nei, tilbake til saken min',
  'sent.heading': 'Dokumenter du har sendt',
  'notices.heading': 'Brev vi har sendt deg',
  'notices.none': 'Vi har ikke sendt deg noe brev ennå.',
  'col.date': 'Dato ({zone})',
  'col.letter': 'Brev',
  'col.file': 'Fil',
  'col.size': 'Størrelse',
  'renewal.heading': 'Fornye tillatelsen',
  'renewal.text': 'Oppholdstillatelsen din gjelder til og med {date}. Du kan søke om fornyelse.',
  'error.title': 'Noe gikk galt',
  'error.back': 'Tilbake til saken din',
  'error.csrf': 'Skjemaet var utløpt. Gå tilbake til saken, last inn siden på nytt og send det igjen.',
  'error.notOffered': 'Dette kan ikke gjøres i saken din nå.',
  'error.refused': 'Saken din tok ikke imot dette: {reason}',
  'error.noFiles': 'Velg minst én fil å sende.',
  'error.tooMany': 'Send høyst {max} filer om gangen.',
  'error.tooLarge': 'Filen «{name}» er for stor: høyst {max} tas imot. Ingenting er sendt; send en mindre fil.',
  'error.type': 'Filen «{name}» er ikke en PDF-, JPEG- eller PNG-fil (vi sjekker innholdet, ikke navnet). Ingenting er sendt.',
  'error.name': 'Filnavnet «{name}» kan ikke brukes: {detail}. Gi filen et annet navn og send den igjen.',
  'error.form': 'Skjemaet kunne ikke leses: {detail}',
  'error.reasons': 'Skriv begrunnelsen din.',
  'error.noCase': 'Vi finner ikke saken din. Kontakt kontoret som skrev til deg.',
  remedy: 'innsigelse',
  'remedy.appeal': 'klage',
  bytes: '{n} byte',
  kib: '{n} kB',
  mib: '{n} MB',
};

const TEXTS: Record<Lang, Record<Key, string>> = { en, nl, no };

interface T {
  (key: Key, values?: Record<string, string | number>): string;
  lang: Lang;
}

function translator(lang: Lang, remedyKind: 'objection' | 'appeal'): T {
  const words = TEXTS[lang];
  const remedy = remedyKind === 'appeal' ? words['remedy.appeal'] : words.remedy;
  const t = ((key: Key, values: Record<string, string | number> = {}) =>
    words[key].replace(/\{(\w+)\}/g, (whole, name: string) => (name === 'remedy' ? remedy : name in values ? String(values[name]) : whole))) as T;
  t.lang = lang;
  return t;
}

const isLang = isPublicLang;
const remedyOf = (jurisdiction: string) => (isJurisdiction(jurisdiction) ? jurisdictionPack(jurisdiction).procedure.remedy.kind : 'objection');

function size(t: T, n: number): string {
  if (n >= 1024 * 1024) return t('mib', { n: (n / 1024 / 1024).toLocaleString(LOCALES[t.lang], { maximumFractionDigits: 1 }) });
  if (n >= 1024) return t('kib', { n: Math.round(n / 1024) });
  return t('bytes', { n });
}

/** An instant as the applicant reads it: date and time in the office's zone. */
const dateTime = (lang: Lang, iso: string, timeZone: string) =>
  new Intl.DateTimeFormat(LOCALES[lang], { timeZone, day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(
    new Date(iso),
  );

/** The office's zone in words: "Netherlands time", "norsk tid" (the notices' own words). */
const zoneWords = (lang: Lang, timeZone: string) => NOTICE_TEXTS[lang].zoneNames[timeZone] ?? timeZone;

const page = (t: T, path: string, title: string, body: HtmlValue): Html =>
  publicPage({ lang: t.lang, app: t('app'), skip: t('skip'), language: t('language') }, path, title, body);

const send = sendPublicPage;

/** The applicant's own actions the case takes now: offered by the case, the applicant's, and before their deadline. */
export function applicantActions(status: CaseStatus, now: Date = new Date()): OwnAction[] {
  const before = (dueAt: string | null | undefined) => !dueAt || now.getTime() < Date.parse(dueAt);
  return OWN_ACTIONS.filter((type) => {
    if (!status.allowedActions.includes(type) || !(PERMISSIONS[type] as { applicantsOwn?: true }).applicantsOwn) return false;
    if (type === 'supply-evidence') return before(status.deadlines.cure?.dueAt);
    if (type === 'lodge-objection') return !!status.deadlines.objection && before(status.deadlines.objection.dueAt);
    return true;
  });
}

interface Link {
  token: string;
  caseNumber: string;
  base: string;
}

interface Loaded extends Link {
  t: T;
  status: CaseStatus;
  contact: Contact | null;
  zone: string;
  csrf: string;
}

export function applicantRoutes(app: FastifyInstance, { client, config }: ApiContext): void {
  let store: DocumentStore | undefined;
  const documents = () => (store ??= documentStoreFor(config));
  const maxBytes = config.DOSSIER_DOCUMENT_MAX_BYTES;

  // The uploads are read as they arrive (./multipart.ts), never buffered by the framework.
  app.addContentTypeParser('multipart/form-data', (_request, payload, done) => done(null, payload));

  /** The form token of a link: HMAC-SHA256 of the token under a key derived from each ring key (any one of them verifies). */
  const formKeys = () =>
    [...keyRingFor(config).keys.values()].map((key) => Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'dossier applicant form', 32)));
  const formToken = (token: string) => {
    const ring = keyRingFor(config);
    const key = Buffer.from(hkdfSync('sha256', ring.keys.get(ring.currentKeyId)!, Buffer.alloc(0), 'dossier applicant form', 32));
    return createHmac('sha256', key).update(token).digest('base64url');
  };
  const formTokenValid = (token: string, sent: unknown) =>
    typeof sent === 'string' &&
    formKeys().some((key) => {
      const expected = Buffer.from(createHmac('sha256', key).update(token).digest('base64url'));
      const given = Buffer.from(sent);
      return given.length === expected.length && timingSafeEqual(given, expected);
    });

  const logDenied = (request: FastifyRequest, status: number, reason: string) =>
    request.log.warn({ denied: { status, method: request.method, route: request.routeOptions.url ?? 'unknown', reason } }, 'request denied');

  /** The verified link, or null when the browser has been sent to `/a/:token` (which explains an expired or invalid link). */
  function linkOf(request: FastifyRequest, reply: FastifyReply): Link | null {
    const { token } = request.params as { token: string };
    const check = verifyApplicantLink(keyRingFor(config), token);
    if (!check.ok) {
      logDenied(request, 303, `the applicant link is ${check.reason === 'expired' ? 'expired' : 'not valid'}`);
      const lang = (request.query as Record<string, unknown> | undefined)?.lang;
      reply
        .header('cache-control', 'no-store')
        .header('referrer-policy', 'no-referrer')
        .redirect(`/a/${encodeURIComponent(token)}${isLang(lang) ? `?lang=${lang}` : ''}`, 303);
      return null;
    }
    return { token, caseNumber: check.caseNumber, base: `/a/${token}/case` };
  }

  /** The case of a verified link and the applicant's language; null when a page has been sent instead. */
  async function load(request: FastifyRequest, reply: FastifyReply, link: Link): Promise<Loaded | null> {
    const asked = (request.query as Record<string, unknown> | undefined)?.lang;
    const [status, contact] = await Promise.all([
      caseStatus(client, link.caseNumber).catch((err: unknown) => {
        if (err instanceof NotFoundError) return null;
        throw err;
      }),
      applicantContactOf(client, link.caseNumber),
    ]);
    const lang: Lang = isLang(asked) ? asked : (contact?.language ?? 'en');
    // The link is bound to the applicant's address as well as the case: one signed for another address opens nothing.
    if (status && (!contact || !verifyApplicantLink(keyRingFor(config), link.token, new Date(), contact.email).ok)) {
      logDenied(request, 404, 'the applicant link is not for the address on file');
      const t = translator(lang, remedyOf(status.jurisdiction));
      send(reply, 404, page(t, link.base, t('error.title'), html`<p class="problem" role="alert">${t('error.noCase')}</p>`));
      return null;
    }
    if (!status) {
      const t = translator(lang, 'objection');
      send(reply, 404, page(t, link.base, t('error.title'), html`<p class="problem" role="alert">${t('error.noCase')}</p>`));
      return null;
    }
    const t = translator(lang, remedyOf(status.jurisdiction));
    return { ...link, t, status, contact, zone: zoneOf(status.jurisdiction), csrf: formToken(link.token) };
  }

  const withLang = (url: string, t: T) => `${url}${url.includes('?') ? '&' : '?'}lang=${t.lang}`;

  function problemPage(reply: FastifyReply, loaded: Loaded, status: number, message: string): FastifyReply {
    const { t } = loaded;
    return send(
      reply,
      status,
      page(
        t,
        loaded.base,
        t('error.title'),
        html`<p class="problem" role="alert">${message}</p>
<p><a href="${withLang(loaded.base, t)}">${t('error.back')}</a></p>`,
      ),
    );
  }

  app.get('/a/:token/case', { logLevel: 'warn' }, async (request, reply) => {
    const link = linkOf(request, reply);
    if (!link) return reply;
    // A permit's link (its notices quote the permit number, `<case>-P1`) opens the holder's page (./holder.ts).
    if (isPermitNumber(link.caseNumber)) return holderPage(request, reply, { client, config }, link.token, link.caseNumber);
    const loaded = await load(request, reply, link);
    if (!loaded) return reply;
    const [history, renewal] = await Promise.all([caseHistory(client, link.caseNumber), renewalOf(loaded)]);
    const done = (request.query as Record<string, unknown> | undefined)?.done;
    return send(reply, 200, page(loaded.t, link.base, loaded.t('title', { caseNumber: link.caseNumber }), casePage(loaded, history.events, renewal, done)));
  });

  /** The permit of the case, when it offers the holder a renewal: its validity and the day to apply by. */
  async function renewalOf(loaded: Loaded): Promise<{ validUntil: string; renewBy: NoticeDeadline } | null> {
    if (loaded.status.decision?.outcome !== 'granted') return null;
    const permit = await permitStatus(client, loaded.caseNumber).catch(() => null);
    if (!permit?.allowedActions.includes('file-renewal') || !permit.renewBy) return null;
    return { validUntil: permit.permit.validUntil, renewBy: permit.renewBy };
  }

  function casePage(loaded: Loaded, events: DecodedEvent[], renewal: Awaited<ReturnType<typeof renewalOf>>, done: unknown): Html {
    const { t, status: s, zone } = loaded;
    const now = new Date();
    const offered = applicantActions(s, now);
    const confirmation =
      typeof done === 'string' && (OWN_ACTIONS as readonly string[]).includes(done)
        ? html`<p class="notice" role="status">${t(`done.${done as OwnAction}`)}</p>`
        : null;
    return html`${confirmation}
${section('h-state', t('state.heading'), stateSection(t, s, now))}
${section('h-deadlines', t('deadlines.heading'), deadlinesSection(t, s, now, renewal))}
${
  s.evidenceRequest &&
  (s.state === 'awaitingEvidence' || s.state === 'cureExpired') &&
  section('h-missing', t('missing.heading'), html`<ul class="missing">${s.evidenceRequest.missing.map((m) => html`<li>${m}</li>`)}</ul>`)
}
${section('h-actions', t('actions.heading'), actionsSection(loaded, offered))}
${renewal && section('h-renewal', t('renewal.heading'), html`<p>${t('renewal.text', { date: formatLegalDate(renewal.validUntil as never, t.lang) })}</p>`)}
${sentSection(t, caseDocuments(events), zone)}
${section('h-notices', t('notices.heading'), noticesSection(t, events, zone))}`;
  }

  function stateSection(t: T, s: CaseStatus, now: Date): Html {
    const objectionOver = s.state === 'objectionPeriod' && s.deadlines.objection && now.getTime() >= Date.parse(s.deadlines.objection.dueAt);
    const key = objectionOver ? 'state.objectionPeriodOver' : (`state.${s.state}` as Key);
    const text = key in en ? t(key) : t('state.other');
    const d = s.decision;
    return html`<p><strong>${text}</strong></p>
${d && html`<p>${t('decision.line', { date: formatLegalDate(d.decidedAt.slice(0, 10) as never, t.lang), outcome: t(`outcome.${d.outcome}` as Key) })}</p>`}`;
  }

  function deadlineItem(t: T, label: string, dueAt: string, formatted: string, timeZone: string, text: string, passed: boolean): Html {
    return html`<li class="${passed ? 'passed' : 'running'}"><strong>${label}</strong>: <time datetime="${dueAt}">${formatted}</time>, ${t(
      'deadline.endOfDay',
      {
        zone: zoneWords(t.lang, timeZone),
      },
    )}.<br>${text}</li>`;
  }

  function deadlinesSection(t: T, s: CaseStatus, now: Date, renewal: Awaited<ReturnType<typeof renewalOf>>): Html {
    const passed = (dueAt: string) => now.getTime() >= Date.parse(dueAt);
    const items: Html[] = [];
    const { cure, objection, decision } = s.deadlines;
    if (cure && (s.state === 'awaitingEvidence' || s.state === 'cureExpired')) {
      const over = s.state === 'cureExpired' || passed(cure.dueAt);
      items.push(
        deadlineItem(
          t,
          t('deadline.cure'),
          cure.dueAt,
          formatDeadline(cure, t.lang),
          cure.timeZone,
          t(over ? 'deadline.cure.passed' : 'deadline.cure.todo'),
          over,
        ),
      );
    }
    if (objection && s.state === 'objectionPeriod') {
      const over = passed(objection.dueAt);
      items.push(
        deadlineItem(
          t,
          t('deadline.objection'),
          objection.dueAt,
          formatDeadline(objection, t.lang),
          objection.timeZone,
          t(over ? 'deadline.objection.passed' : 'deadline.objection.todo'),
          over,
        ),
      );
    }
    if (decision && !s.decision && !s.withdrawnAt) {
      if (decision.due && decision.dueAt) {
        const timeZone = zoneOf(s.jurisdiction);
        items.push(
          deadlineItem(
            t,
            t('deadline.decision'),
            decision.dueAt,
            formatDeadline({ dueAt: decision.dueAt, timeZone }, t.lang),
            timeZone,
            t('deadline.decision.todo'),
            false,
          ),
        );
      } else if (decision.suspendedSince) {
        items.push(
          html`<li><strong>${t('deadline.decision')}</strong>: ${t('deadline.decision.suspended', {
            date: formatLegalDate(decision.suspendedSince as never, t.lang),
          })}</li>`,
        );
      }
    }
    if (renewal) {
      const r = renewal.renewBy;
      items.push(deadlineItem(t, t('deadline.renewal'), r.dueAt, formatDeadline(r, t.lang), r.timeZone, t('deadline.renewal.todo'), passed(r.dueAt)));
    }
    return items.length ? html`<ul class="deadlines">${items}</ul>` : html`<p>${t('deadlines.none')}</p>`;
  }

  function actionsSection(loaded: Loaded, offered: OwnAction[]): Html {
    const { t, base, csrf } = loaded;
    if (offered.length === 0) return html`<p>${t('actions.none')}</p>`;
    const accept = '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png';
    const hidden = html`<input type="hidden" name="_csrf" value="${csrf}">`;
    return html`${
      offered.includes('supply-evidence') &&
      html`<form method="post" action="${withLang(`${base}/evidence`, t)}" enctype="multipart/form-data" class="action">
<fieldset>
<legend>${t('evidence.legend')}</legend>
${hidden}
<div class="field">
<label for="f-evidence">${t('evidence.files')}</label>
<p class="hint" id="f-evidence-hint">${t('evidence.hint', { max: size(t, maxBytes) })}</p>
<input id="f-evidence" name="files" type="file" multiple required accept="${accept}" aria-describedby="f-evidence-hint">
</div>
<button type="submit">${t('evidence.submit')}</button>
</fieldset>
</form>`
    }
${
  offered.includes('lodge-objection') &&
  html`<form method="post" action="${withLang(`${base}/objection`, t)}" enctype="multipart/form-data" class="action">
<fieldset>
<legend>${t('objection.legend')}</legend>
${hidden}
<div class="field">
<label for="f-reasons">${t('objection.reasons')}</label>
<p class="hint" id="f-reasons-hint">${t('objection.reasonsHint')}</p>
<textarea id="f-reasons" name="reasons" rows="8" required aria-describedby="f-reasons-hint"></textarea>
</div>
<div class="field">
<label for="f-objection-files">${t('objection.files')}</label>
<p class="hint" id="f-objection-files-hint">${t('evidence.hint', { max: size(t, maxBytes) })}</p>
<input id="f-objection-files" name="files" type="file" multiple accept="${accept}" aria-describedby="f-objection-files-hint">
</div>
<button type="submit">${t('objection.submit')}</button>
</fieldset>
</form>`
}
${
  offered.includes('withdraw') &&
  html`<h3>${t('withdraw.heading')}</h3>
<p>${t('withdraw.text')}</p>
<p><a href="${withLang(`${base}/withdraw`, t)}">${t('withdraw.link')}</a></p>`
}`;
  }

  function sentSection(t: T, files: CaseDocument[], zone: string): Html | null {
    if (files.length === 0) return null;
    return section(
      'h-sent',
      t('sent.heading'),
      html`<table class="documents">
<caption>${t('sent.heading')}</caption>
<thead><tr><th scope="col">${t('col.date', { zone: zoneWords(t.lang, zone) })}</th><th scope="col">${t('col.file')}</th><th scope="col">${t(
        'col.size',
      )}</th></tr></thead>
<tbody>${files.map(
        (f) => html`<tr><td><time datetime="${f.at}">${dateTime(t.lang, f.at, zone)}</time></td><td>${f.name}</td><td>${size(t, f.size)}</td></tr>`,
      )}</tbody>
</table>`,
    );
  }

  function noticesSection(t: T, events: DecodedEvent[], zone: string): Html {
    const scheduled = new Map<number, Notice>();
    const rows: Html[] = [];
    for (const e of events) {
      if (e.kind === 'activityScheduled' && e.activityType === 'sendNotice') scheduled.set(e.id, e.input[0] as Notice);
      if (e.kind !== 'activityCompleted') continue;
      const notice = scheduled.get(e.scheduledEventId);
      if (!notice) continue;
      let subject: string = notice.kind;
      try {
        subject = renderNotice({ ...notice, to: { ...notice.to, language: t.lang } } as Notice, { issuedAt: new Date(e.time) }).subject.replace(
          /^\[[^\]]*\]\s*/,
          '',
        );
      } catch {
        // A notice this code can no longer render is listed by its kind.
      }
      rows.push(html`<tr><td><time datetime="${e.time}">${dateTime(t.lang, e.time, zone)}</time></td><td>${subject}</td></tr>`);
    }
    if (rows.length === 0) return html`<p>${t('notices.none')}</p>`;
    return html`<table class="notices">
<caption>${t('notices.heading')}</caption>
<thead><tr><th scope="col">${t('col.date', { zone: zoneWords(t.lang, zone) })}</th><th scope="col">${t('col.letter')}</th></tr></thead>
<tbody>${rows}</tbody>
</table>`;
  }

  // ---- withdrawing: a confirmation page, then POST ----

  app.get('/a/:token/case/withdraw', { logLevel: 'warn' }, async (request, reply) => {
    const link = linkOf(request, reply);
    if (!link) return reply;
    const loaded = await load(request, reply, link);
    if (!loaded) return reply;
    const { t } = loaded;
    if (!applicantActions(loaded.status).includes('withdraw')) return problemPage(reply, loaded, 409, t('error.notOffered'));
    const body = html`<p>${t('withdraw.confirmText')}</p>
<form method="post" action="${withLang(`${link.base}/withdraw`, t)}" class="action">
<input type="hidden" name="_csrf" value="${loaded.csrf}">
<input type="hidden" name="confirm" value="yes">
<button type="submit">${t('withdraw.confirm')}</button>
</form>
<p><a href="${withLang(link.base, t)}">${t('withdraw.back')}</a></p>`;
    return send(reply, 200, page(t, `${link.base}/withdraw`, t('withdraw.confirmTitle'), body));
  });

  app.post('/a/:token/case/withdraw', { logLevel: 'warn' }, async (request, reply) => {
    const link = linkOf(request, reply);
    if (!link) return reply;
    const loaded = await load(request, reply, link);
    if (!loaded) return reply;
    const body = (request.body && typeof request.body === 'object' ? request.body : {}) as Record<string, unknown>;
    if (!formTokenValid(link.token, body._csrf)) {
      logDenied(request, 403, 'applicant form token missing or wrong');
      return problemPage(reply, loaded, 403, loaded.t('error.csrf'));
    }
    if (body.confirm !== 'yes') return reply.redirect(withLang(`${link.base}/withdraw`, loaded.t), 303);
    return act(reply, loaded, 'withdraw', { type: 'withdraw' });
  });

  // ---- uploads ----

  app.post('/a/:token/case/evidence', { logLevel: 'warn' }, async (request, reply) => upload(request, reply, 'supply-evidence'));
  app.post('/a/:token/case/objection', { logLevel: 'warn' }, async (request, reply) => upload(request, reply, 'lodge-objection'));

  async function act(reply: FastifyReply, loaded: Loaded, type: OwnAction, fields: Record<string, unknown>): Promise<FastifyReply> {
    const { t } = loaded;
    if (!applicantActions(loaded.status).includes(type)) return problemPage(reply, loaded, 409, t('error.notOffered'));
    const action = { ...fields, type, actor: { id: VIA_LINK_ID, role: 'applicant' } } as CaseActionInput;
    try {
      await actOnCase(client, loaded.caseNumber, action);
    } catch (err) {
      if (err instanceof RefusedError) return problemPage(reply, loaded, 409, t('error.refused', { reason: err.reason }));
      throw err;
    }
    return reply.header('referrer-policy', 'no-referrer').redirect(withLang(`${loaded.base}?done=${type}`, t), 303);
  }

  async function upload(request: FastifyRequest, reply: FastifyReply, type: 'supply-evidence' | 'lodge-objection'): Promise<FastifyReply> {
    const link = linkOf(request, reply);
    if (!link) return reply;
    const loaded = await load(request, reply, link);
    if (!loaded) return reply;
    const { t } = loaded;
    const boundary = boundaryOf(request.headers['content-type']);
    if (!boundary) return problemPage(reply, loaded, 415, t('error.form', { detail: 'multipart/form-data expected' }));

    // Read every part, even after a refusal (its parts are skipped, not stored), so the answer does not cut the upload off.
    const fields: Record<string, string> = {};
    const stored: StoredDocument[] = [];
    let problem: { status: number; message: string; log?: string } | null = null;
    let formOk = false;
    const offered = applicantActions(loaded.status).includes(type);
    try {
      for await (const part of parts(request.body as IncomingMessage, boundary, { totalBytes: (MAX_FILES + 1) * (maxBytes + 64 * 1024) })) {
        if (problem) continue;
        if (part.filename === undefined) {
          fields[part.name] = await textOf(part.content, MAX_FIELD_BYTES);
          if (part.name === '_csrf') formOk = formTokenValid(link.token, fields._csrf);
          continue;
        }
        if (!formOk) {
          problem = { status: 403, message: t('error.csrf'), log: 'applicant form token missing, wrong or after the files' };
          continue;
        }
        if (!offered) {
          problem = { status: 409, message: t('error.notOffered') };
          continue;
        }
        // An empty file input sends a part with no file name and no content.
        if (part.name !== 'files' || part.filename === '') continue;
        if (stored.length >= MAX_FILES) {
          problem = { status: 400, message: t('error.tooMany', { max: MAX_FILES }) };
          continue;
        }
        try {
          stored.push(await documents().put(part.content, part.filename));
        } catch (err) {
          if (!(err instanceof DocumentRejected)) throw err;
          const name = part.filename;
          problem =
            err.reason === 'too-large'
              ? { status: 413, message: t('error.tooLarge', { name, max: size(t, maxBytes) }), log: 'upload too large' }
              : err.reason === 'type'
                ? { status: 415, message: t('error.type', { name }), log: 'upload of a type not accepted' }
                : { status: 400, message: t('error.name', { name, detail: err.message }), log: 'upload with an unusable name' };
        }
      }
    } catch (err) {
      if (!(err instanceof MultipartError)) throw err;
      problem ??= { status: 400, message: t('error.form', { detail: err.message }), log: 'malformed multipart form' };
    }
    if (!problem && !formOk) problem = { status: 403, message: t('error.csrf'), log: 'applicant form token missing or wrong' };
    if (problem) {
      if (problem.log) logDenied(request, problem.status, problem.log);
      return problemPage(reply, loaded, problem.status, problem.message);
    }
    const files: DocumentFile[] = stored.map(({ hash, name, type: fileType, size: bytes }) => ({ hash, name, type: fileType, size: bytes }));
    if (type === 'supply-evidence') {
      if (files.length === 0) return problemPage(reply, loaded, 400, t('error.noFiles'));
      return act(reply, loaded, type, { documents: files.map((f) => f.name), files });
    }
    const reasons = (fields.reasons ?? '').trim();
    if (!reasons) return problemPage(reply, loaded, 400, t('error.reasons'));
    const receivedOn = localDateOf(new Date(), loaded.zone);
    return act(reply, loaded, type, { receivedOn, reasons, ...(files.length ? { files } : {}) });
  }
}
