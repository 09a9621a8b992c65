import type { NoticeTexts } from './types';

const sendDocuments = 'Send dokumentene som er nevnt ovenfor, innen fristen.';
const onMissing = 'Hvis vi ikke har mottatt dem innen fristen, avgjør vi saken på grunnlag av dokumentene vi har.';
const renew = 'Søk om fornyelse innen fristen.';

/** Norwegian bokmål. */
export const no: NoticeTexts = {
  locale: 'nb-NO',
  greeting: (name) => `Hei ${name},`,
  actionLabel: 'Hva du må gjøre',
  deadline: (date, isoDate, timeZone) => `Frist: ${date} (${isoDate}), innen utgangen av dagen, tidssone ${timeZone}.`,
  legalBasis: (kind, citations) => (kind === 'decision' ? `Vedtaket bygger på: ${citations}.` : `Rettslig grunnlag: ${citations}.`),
  footer: (caseNumber) => [`Saksnummer: ${caseNumber}`, 'Oppgi dette nummeret når du svarer oss.'],
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
    'evidence-request': (n, { due }) => ({
      subject: `Dokumenter må sendes innen ${due}`,
      body: ['Søknaden din er ikke fullstendig. Send oss:', { list: n.missing }, onMissing],
      action: sendDocuments,
    }),
    'cure-reminder': (n, { due }) => ({
      subject: `Påminnelse: dokumenter må sendes innen ${due}`,
      body: ['Vi venter fortsatt på:', { list: n.missing }, onMissing],
      action: sendDocuments,
    }),
    'deadline-extended': (n, { date, due }) => ({
      subject: `Ny frist for dokumentene dine: ${due}`,
      body: [`Fristen ${date(n.previousDue)} for å sende oss dokumentene er forlenget.`, 'Vi trenger fortsatt:', { list: n.missing }],
      action: 'Send dokumentene som er nevnt ovenfor, innen den nye fristen.',
    }),
    'decision-period-extended': (n, { date, due }) => ({
      subject: `Vi trenger mer tid til å avgjøre saken: ny dato ${due}`,
      body: [
        `Vi kunne ikke avgjøre saken innen ${date(n.previousDue)} som planlagt, fordi ${
          n.reason === 'country-report' ? 'vi har bedt om en offisiell rapport om situasjonen i hjemlandet ditt' : 'saken din må utredes nærmere'
        }.`,
        `Vi avgjør saken senest ${due}.`,
      ],
      action: 'Ingenting foreløpig. Vi skriver til deg når vi har avgjort saken.',
    }),
    decision: (n, { date }) => {
      const outcome = { granted: 'innvilget', refused: 'avslått', 'not-processed': 'avvist uten realitetsbehandling' }[n.outcome];
      return {
        subject: `Vedtak i saken din: ${outcome}`,
        body: [
          `Søknaden din ble ${outcome} ${date(n.decidedOn)}.`,
          ...(n.permit
            ? [
                `Du får oppholdstillatelse med begrensningen «${n.permit.restriction}», ` +
                  `gyldig fra ${date(n.permit.validFrom)} til og med ${date(n.permit.validUntil)}.`,
                `Arbeid: ${n.permit.labourMarketNote}.`,
              ]
            : []),
        ],
        action:
          n.outcome === 'granted'
            ? 'Ingenting. Vi gir deg beskjed om når og hvor du kan hente oppholdskortet ditt.'
            : 'Hvis du er uenig i vedtaket, kan du klage. Fristen for det sender vi deg i en egen melding.',
      };
    },
    'objection-decision': (n, { date }) => ({
      subject: `Vedtak i klagesaken: ${n.outcome === 'well-founded' ? 'klagen er tatt til følge' : 'klagen er ikke tatt til følge'}`,
      body: [
        `${date(n.decidedOn)} ` +
          (n.outcome === 'well-founded'
            ? 'tok vi klagen din til følge og endret vedtaket'
            : 'kom vi til at klagen din ikke fører frem; vedtaket står ved lag') +
          '.',
      ],
      action: 'Hvis du er uenig, kan du bringe saken inn for domstolene; vedtaket forklarer hvordan.',
    }),
    'application-withdrawn': (n, { date }) => ({
      subject: 'Søknaden din er trukket tilbake',
      body: [`${date(n.withdrawnOn)} trakk du søknaden din tilbake. Vi har avsluttet saken uten vedtak.`],
      action: 'Ingenting. Vil du likevel ha tillatelse, må du sende en ny søknad.',
    }),
    'objection-period': (n, { date, due }) => ({
      subject: `Frist for å klage på vedtaket: ${due}`,
      body: [`Hvis du er uenig i vedtaket vårt av ${date(n.decidedOn)}, kan du klage på det.`],
      action: 'Send oss en skriftlig klage med begrunnelse innen fristen.',
    }),
    'renewal-invitation': (n, { date, due }) => ({
      subject: `Forny oppholdstillatelsen din innen ${due}`,
      body: [`Oppholdstillatelsen din gjelder til og med ${date(n.permitValidUntil)}.`, 'Søk om fornyelse i tide, så oppholdsretten din ikke blir avbrutt.'],
      action: renew,
    }),
    'renewal-reminder': (n, { date, due }) => ({
      subject: `Påminnelse: forny oppholdstillatelsen din innen ${due}`,
      body: [`Oppholdstillatelsen din gjelder til og med ${date(n.permitValidUntil)}. Vi har ennå ikke mottatt en søknad om fornyelse.`],
      action: renew,
    }),
    expiry: (n, { due }) => ({
      subject: `Oppholdstillatelsen din utløper ${due}`,
      body: n.renewable
        ? ['Oppholdstillatelsen din utløper ved utgangen av den dagen, og vi har ikke mottatt en søknad om fornyelse.']
        : ['Oppholdstillatelsen din utløper ved utgangen av den dagen. Den ble gitt uten mulighet for fornyelse, så den kan ikke forlenges.'],
      action: n.renewable
        ? 'Søk om fornyelse før den datoen, eller forbered utreise når tillatelsen utløper.'
        : 'Forbered utreise når tillatelsen utløper, eller søk om tillatelse på et annet grunnlag før den datoen.',
    }),
    conversion: (n, { date }) => ({
      subject: 'Oppholdstillatelsen din er omgjort',
      body: [`Oppholdstillatelsen din ble automatisk omgjort ${date(n.convertedOn)}.`, `Den gjelder til og med ${date(n.validUntil)}.`],
      action: 'Ingenting. Ta vare på denne meldingen sammen med oppholdsdokumentene dine.',
    }),
    withdrawal: (n, { date }) => ({
      subject: 'Oppholdstillatelsen din er tilbakekalt',
      body: [`Vi tilbakekalte oppholdstillatelsen din ${date(n.withdrawnOn)}.`],
      action: 'Hvis du er uenig, send oss en skriftlig klage med begrunnelse innen fristen.',
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
