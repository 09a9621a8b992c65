import type { RemedyRoute } from '../../domain/jurisdictions';
import type { CitedLetterLaw, NoticeTexts } from './types';

const sendDocuments = 'Send dokumentene som er nevnt ovenfor, innen fristen.';
const onMissing = ({ cure }: CitedLetterLaw) =>
  cure.consequence === 'may-not-process'
    ? `Hvis vi ikke har mottatt dem innen fristen, kan vi bestemme at søknaden din ikke blir behandlet (${cure.citation}); ` +
      'ellers avgjør vi saken på grunnlag av dokumentene vi har.'
    : `Hvis vi ikke har mottatt dem innen fristen, avgjør vi saken på grunnlag av dokumentene vi har (${cure.citation}).`;
const renewalConsequence = ({ renewal }: CitedLetterLaw) =>
  !renewal
    ? []
    : renewal.consequence === 'late-leaves-gap'
      ? [
          'Søker du om fornyelse etter at tillatelsen er utløpt, kan den nye tillatelsen i utgangspunktet først gjelde fra den dagen du søker. ' +
            `Da blir det et opphold i det lovlige oppholdet ditt, med mindre du ikke kan lastes for at søknaden kom for sent (${renewal.citation}).`,
        ]
      : [
          'Søker du om fornyelse senest én måned før tillatelsen utløper, kan du bli i landet på samme vilkår til søknaden er avgjort ' +
            `(${renewal.citation}). Søker du senere, har du ikke den retten.`,
        ];
const renew = 'Søk om fornyelse innen fristen.';
const leave = 'Har du ikke annet grunnlag for opphold innen da, må du ha reist ut innen utgangen av den dagen.';
/** Bezwaar (NL: bezwaar), klage (NO), eller søksmål for domstolen. */
const REMEDY = {
  objection: { noun: 'innsigelse', make: 'fremme innsigelse (bezwaar)', writ: 'innsigelsen (bezwaarschrift)' },
  appeal: { noun: 'klage', make: 'klage', writ: 'klagen' },
  'court-appeal': { noun: 'klage', make: 'klage til domstolen (beroep)', writ: 'klagen (beroepschrift)' },
} as const satisfies Record<RemedyRoute, object>;
const CONTENTS = {
  signature: 'underskriften din',
  'name-and-address': 'navnet og adressen din',
  date: 'datoen',
  decision: 'hvilket vedtak du klager over (oppgi saksnummeret)',
  'change-sought': 'hvilken endring du ønsker',
  reasons: 'begrunnelsen for klagen',
} as const;
const UNITS = { days: ['dag', 'dager'], weeks: ['uke', 'uker'] } as const;

/** Norwegian bokmål. */
export const no: NoticeTexts = {
  locale: 'nb-NO',
  greeting: (name) => `Hei ${name},`,
  actionLabel: 'Hva du må gjøre',
  deadline: (date, isoDate, zone) => `Frist: ${date} (${isoDate}), innen utgangen av dagen (${zone}).`,
  zoneNames: { 'Europe/Amsterdam': 'nederlandsk tid', 'Europe/Oslo': 'norsk tid' },
  legalBasis: (kind, citations) => (kind === 'decision' ? `Vedtaket bygger på: ${citations}.` : `Rettslig grunnlag: ${citations}.`),
  letterhead: ({ office, date, caseNumber, fileNumber }) => [
    `Fra: ${[office.name, ...office.address].join(', ')}`,
    `Dato: ${date}`,
    `Saksnummer: ${caseNumber}`,
    ...(fileNumber ? [`Ditt ${fileNumber.name}: ${fileNumber.value}`] : []),
  ],
  reply: ({ caseNumber, office, applicantPage }) => [
    ...(applicantPage ? [`Saken din på nett: ${applicantPage}`] : []),
    ...(office.email ? [`Du kan svare ved å svare på denne e-posten (${office.email}).`] : []),
    ...(office.address.length ? [`Per post: ${[office.name, ...office.address].join(', ')}.`] : []),
    ...(office.phone ? [`Telefon: ${office.phone}.`] : []),
    `Oppgi saksnummer ${caseNumber} når du svarer oss.`,
  ],
  closing: (office) => ['Med vennlig hilsen', office.name],
  rights: ({ clause, office, due, favourable }) => {
    const r = REMEDY[clause.route];
    const { period } = clause;
    const unit = UNITS[period.unit][period.amount === 1 ? 0 : 1];
    const from =
      period.runsFrom === 'day-after-sent' ? 'regnet fra dagen etter at dette brevet ble sendt' : 'regnet fra den dagen dette brevet kom fram til deg';
    const where = clause.lodgeWith.kind === 'office' ? [office.name, ...office.address].join(', ') : 'domstolen';
    return [
      clause.decidedBy.kind === 'appeal-board'
        ? `Hvis du er uenig i vedtaket, kan du ${r.make}. Hvis vi ikke endrer vedtaket selv, sender vi klagen din ` +
          `til ${clause.decidedBy.name}, som avgjør den (${clause.decidedBy.citation}).`
        : `Hvis du er uenig i vedtaket, kan du ${r.make} (${clause.decidedBy.citation}).`,
      `Fristen er ${period.amount} ${unit}, ${from} (${period.citations.join('; ')}). ` + `Regnet fra datoen på dette brevet er siste dag ${due}.`,
      `Send ${r.writ} skriftlig til ${where} (${clause.lodgeWith.citation}). Den må inneholde (${clause.contents.citation}):`,
      { list: clause.contents.items.map((item) => CONTENTS[item]) },
      clause.late.kind === 'inadmissible-unless-excusable'
        ? `En ${r.noun} som kommer inn etter fristen, blir avvist, med mindre du ikke med rimelighet kan lastes for forsinkelsen (${clause.late.citation}).`
        : `En ${r.noun} som kommer inn etter fristen, blir avvist, ` +
          `med mindre du ikke kan lastes for forsinkelsen eller det er særlige grunner til å behandle den (${clause.late.citation}).`,
      ...(favourable
        ? []
        : [
            {
              suspended: `Så lenge fristen løper og, hvis du klager, til klagen er avgjort, får vedtaket ingen virkning (${clause.meanwhile.citation}).`,
              'not-suspended': `En ${r.noun} stanser ikke virkningen av vedtaket (${clause.meanwhile.citation}).`,
              'ask-postponement':
                `En ${r.noun} stanser ikke i seg selv virkningen av vedtaket; ` +
                `du kan be oss om utsatt iverksetting til klagen er avgjort (${clause.meanwhile.citation}).`,
            }[clause.meanwhile.kind],
            ...(clause.interimRelief
              ? [
                  clause.interimRelief.kind === 'provisional-measure'
                    ? `Kan du ikke vente på utfallet, kan du be domstolen om en midlertidig avgjørelse (${clause.interimRelief.citation}).`
                    : `Når klagen er endelig avgjort, kan du be domstolen om midlertidig forføyning (${clause.interimRelief.citation}).`,
                ]
              : []),
          ]),
      `Du kan ha rett til fri rettshjelp (${clause.legalAid.citation}).` +
        (clause.documents ? ` Du har rett til å se dokumentene i saken din (${clause.documents.citation}).` : ''),
    ];
  },
  forwardedSubject: (to) => `Klagen din er sendt til ${to}`,
  forwarded: (to, citation) => [`Vi har sendt klagen din med dokumentene i saken til ${to}, som avgjør den (${citation}). Du får svar fra ${to}.`],
  s38Limitations: {
    'no-basis-for-permanent-permit': 'tillatelsen gir ikke grunnlag for permanent oppholdstillatelse',
    'no-basis-for-family-members': 'tillatelsen gir ikke grunnlag for oppholdstillatelse for familiemedlemmene dine',
    'not-renewable': 'tillatelsen kan ikke fornyes',
    'validity-under-one-year': 'tillatelsen gjelder for kortere tid enn ett år',
  },
  kinds: {
    receipt: (n, { date }) => ({
      subject: 'Søknaden er mottatt',
      body: [
        `Vi mottok søknaden din ${date(n.receivedOn)}.`,
        n.deadline
          ? `Vi avgjør den senest ${date(n.deadline.due)}. Hvis vi trenger mer tid, gir vi deg beskjed før den datoen.`
          : 'Vi avgjør den uten ugrunnet opphold, og gir deg beskjed hvis det tar mer enn en måned.',
      ],
      action: 'Ingenting foreløpig. Gi oss beskjed hvis e-postadressen din endres, og svar i tide hvis vi ber deg om noe.',
    }),
    'evidence-request': (n, { due, law }) => ({
      subject: `Dokumenter må sendes innen ${due}`,
      body: ['Søknaden din er ikke fullstendig. Send oss:', { list: n.missing }, onMissing(law)],
      action: sendDocuments,
    }),
    'cure-reminder': (n, { due, law }) => ({
      subject: `Påminnelse: dokumenter må sendes innen ${due}`,
      body: ['Vi venter fortsatt på:', { list: n.missing }, onMissing(law)],
      action: sendDocuments,
    }),
    'deadline-extended': (n, { date, due, law }) => ({
      subject: `Ny frist for dokumentene dine: ${due}`,
      body: [`Fristen ${date(n.previousDue)} for å sende oss dokumentene er forlenget.`, 'Vi trenger fortsatt:', { list: n.missing }, onMissing(law)],
      action: 'Send dokumentene som er nevnt ovenfor, innen den nye fristen.',
    }),
    'decision-period-extended': (n, { date, due }) => ({
      subject: `Vi trenger mer tid til å avgjøre saken: ny dato ${due}`,
      body: [
        `Vi kan ikke avgjøre saken innen ${date(n.previousDue)} som planlagt, fordi ${
          n.reason === 'country-report' ? 'vi har bedt om en offisiell rapport om situasjonen i hjemlandet ditt' : 'saken din må utredes nærmere'
        }.`,
        `Vi avgjør saken senest ${due}.`,
      ],
      action: 'Ingenting foreløpig. Vi skriver til deg når vi har avgjort saken.',
    }),
    decision: (n, { date, remedy, law }) => {
      const outcome = { granted: 'innvilget', refused: 'avslått', 'not-processed': 'avvist uten realitetsbehandling' }[n.outcome];
      return {
        subject: `Vedtak i saken din: ${outcome}`,
        body: [
          `Søknaden din ble ${outcome} ${date(n.decidedOn)}.`,
          ...(n.permit
            ? [
                (law.grantTerms === 'restriction'
                  ? `Du får oppholdstillatelse med begrensningen «${n.permit.restriction}», `
                  : `Du får oppholdstillatelse (${n.permit.restriction}), `) +
                  `gyldig fra ${date(n.permit.validFrom)} til og med ${date(n.permit.validUntil)}.`,
                `Arbeid: ${n.permit.labourMarketNote.replace(/\.$/, '')}.`,
                ...(law.permitRestrictions && n.permit.s38Limitations
                  ? n.permit.s38Limitations.length
                    ? [
                        `Etter ${law.permitRestrictions} gjelder disse begrensningene for tillatelsen:`,
                        { list: n.permit.s38Limitations.map((l) => no.s38Limitations[l]) },
                      ]
                    : [`Tillatelsen har ingen begrensninger etter ${law.permitRestrictions}.`]
                  : []),
              ]
            : []),
        ],
        action:
          n.outcome === 'granted'
            ? 'Ingenting. Vi gir deg beskjed om når og hvor du kan hente oppholdskortet ditt.'
            : `Hvis du er uenig i vedtaket, send oss ${REMEDY[remedy].writ} slik det er beskrevet ovenfor, innen siste dag som er nevnt der.`,
      };
    },
    'objection-decision': (n, { date, remedy }) => ({
      subject: `Vedtak etter ${REMEDY[remedy].writ}: ${n.outcome === 'well-founded' ? 'tatt til følge' : 'ikke tatt til følge'}`,
      body: [
        `Vi ${
          n.outcome === 'well-founded'
            ? `tok ${REMEDY[remedy].writ} til følge og endret vedtaket`
            : remedy === 'objection'
              ? `kom til at ${REMEDY[remedy].writ} ikke fører frem; vedtaket står ved lag`
              : 'har ikke funnet grunn til å endre vedtaket etter klagen din'
        } ${date(n.decidedOn)}.`,
      ],
      action: 'Les ovenfor hva som skjer videre, og hva du kan gjøre hvis du er uenig.',
    }),
    'application-withdrawn': (n, { date }) => ({
      subject: 'Søknaden din er trukket tilbake',
      body: [`Du trakk søknaden din tilbake ${date(n.withdrawnOn)}. Vi har avsluttet saken uten vedtak.`],
      action: 'Ingenting. Vil du likevel ha tillatelse, må du sende en ny søknad.',
    }),
    'objection-period': (n, { date, due, remedy }) => ({
      subject: `Frist for ${remedy === 'appeal' ? 'å klage på' : 'innsigelse mot'} vedtaket: ${due}`,
      body: [`Hvis du er uenig i vedtaket vårt av ${date(n.decidedOn)}, kan du ${REMEDY[remedy].make}.`],
      action: `Send oss ${REMEDY[remedy].writ} skriftlig med begrunnelse innen fristen.`,
    }),
    'renewal-invitation': (n, { date, due, law }) => ({
      subject: `Forny oppholdstillatelsen din innen ${due}`,
      body: [`Oppholdstillatelsen din gjelder til og med ${date(n.permitValidUntil)}.`, ...renewalConsequence(law)],
      action: renew,
    }),
    'renewal-reminder': (n, { date, due, law }) => ({
      subject: `Påminnelse: forny oppholdstillatelsen din innen ${due}`,
      body: [
        `Oppholdstillatelsen din gjelder til og med ${date(n.permitValidUntil)}. Vi har ennå ikke mottatt en søknad om fornyelse.`,
        ...renewalConsequence(law),
      ],
      action: renew,
    }),
    expiry: (n, { due }) => ({
      subject: `Oppholdstillatelsen din utløper ${due}`,
      body: n.renewable
        ? ['Oppholdstillatelsen din utløper ved utgangen av den dagen, og vi har ikke mottatt en søknad om fornyelse.']
        : ['Oppholdstillatelsen din utløper ved utgangen av den dagen. Den ble gitt uten mulighet for fornyelse, så den kan ikke forlenges.'],
      action: n.renewable ? `Søk om fornyelse før den datoen. ${leave}` : `${leave} Før den datoen kan du søke om tillatelse på et annet grunnlag.`,
    }),
    conversion: (n, { date, law }) => ({
      subject: 'Oppholdstillatelsen din er endret',
      body: [
        n.restriction
          ? `Oppholdstillatelsen din ble automatisk endret til en tillatelse ` +
            (law.grantTerms === 'restriction' ? `med begrensningen «${n.restriction}»` : `(${n.restriction})`) +
            ` ${date(n.convertedOn)}.`
          : `Oppholdstillatelsen din ble automatisk endret ${date(n.convertedOn)}.`,
        ...(n.labourMarketNote ? [`Arbeid: ${n.labourMarketNote.replace(/\.$/, '')}.`] : []),
        `Den gjelder til og med ${date(n.validUntil)}.`,
      ],
      action: 'Ingenting. Ta vare på denne meldingen sammen med oppholdsdokumentene dine.',
    }),
    withdrawal: (n, { date, remedy }) => ({
      subject: 'Oppholdstillatelsen din er tilbakekalt',
      body: [`Vi tilbakekalte oppholdstillatelsen din ${date(n.withdrawnOn)}.`],
      action: `Hvis du er uenig, send oss ${REMEDY[remedy].writ} skriftlig med begrunnelse innen fristen.`,
    }),
    'independent-permit': (n, { date }) => ({
      subject: 'Du kan søke om egen oppholdstillatelse',
      body: [
        `Du fikk opphold som mindreårig for å bo med familien din. Fra ${date(n.eligibleOn)} oppfyller ` +
          'du vilkåret om ett år for en egen oppholdstillatelse, uavhengig av familiemedlemmet ditt.',
      ],
      action: 'Hvis du ønsker en egen tillatelse, søk om den. Den nåværende tillatelsen din gjelder i mellomtiden.',
    }),
  },
};
