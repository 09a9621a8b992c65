import type { NoticeTexts } from './types';

const sendDocuments = 'Stuur de hierboven genoemde documenten uiterlijk op de uiterste datum.';
const onMissing = 'Hebben wij ze dan niet ontvangen, dan beslissen wij op basis van de documenten die wij hebben.';
const renew = 'Dien uiterlijk op de uiterste datum een aanvraag tot verlenging in.';
/** Bezwaar bij de dienst (NL), of (administratief) beroep (NO: klage). */
const REMEDY = {
  objection: { noun: 'bezwaar', make: 'bezwaar maken', writ: 'bezwaarschrift' },
  appeal: { noun: 'beroep', make: 'beroep instellen', writ: 'beroepschrift' },
} as const;

export const nl: NoticeTexts = {
  locale: 'nl-NL',
  greeting: (name) => `Geachte ${name},`,
  actionLabel: 'Wat u moet doen',
  deadline: (date, isoDate, timeZone) => `Uiterste datum: ${date} (${isoDate}), tot het einde van de dag, tijdzone ${timeZone}.`,
  legalBasis: (kind, citations) => (kind === 'decision' ? `Dit besluit berust op: ${citations}.` : `Wettelijke grondslag: ${citations}.`),
  footer: (caseNumber) => [`Zaaknummer: ${caseNumber}`, 'Vermeld dit nummer bij elke reactie.'],
  kinds: {
    receipt: (n, { date }) => ({
      subject: 'Aanvraag ontvangen',
      body: [
        `Wij hebben uw aanvraag op ${date(n.receivedOn)} ontvangen.`,
        n.deadline
          ? `Wij beslissen uiterlijk op ${date(n.deadline.due)}. Hebben wij meer tijd nodig, dan laten wij u dat vóór die datum weten.`
          : 'Wij beslissen zonder onnodige vertraging, en laten het u weten als het langer dan een maand duurt.',
      ],
      action: 'Voorlopig niets. Geef het aan ons door als uw e-mailadres verandert, en reageer op tijd op verzoeken van ons.',
    }),
    'evidence-request': (n, { due }) => ({
      subject: `Documenten nodig uiterlijk ${due}`,
      body: ['Uw aanvraag is niet compleet. Stuur ons alstublieft:', { list: n.missing }, onMissing],
      action: sendDocuments,
    }),
    'cure-reminder': (n, { due }) => ({
      subject: `Herinnering: documenten nodig uiterlijk ${due}`,
      body: ['Wij wachten nog op:', { list: n.missing }, onMissing],
      action: sendDocuments,
    }),
    'deadline-extended': (n, { date, due }) => ({
      subject: `Nieuwe termijn voor uw documenten: ${due}`,
      body: [`De termijn van ${date(n.previousDue)} om ons uw documenten te sturen is verlengd.`, 'Wij hebben nog nodig:', { list: n.missing }],
      action: 'Stuur de hierboven genoemde documenten uiterlijk op de nieuwe datum.',
    }),
    'decision-period-extended': (n, { date, due }) => ({
      subject: `Wij hebben meer tijd nodig om te beslissen: nieuwe datum ${due}`,
      body: [
        `Wij konden niet zoals gepland uiterlijk op ${date(n.previousDue)} beslissen, omdat ${
          n.reason === 'country-report'
            ? 'wij een ambtsbericht over de situatie in uw land van herkomst hebben gevraagd'
            : 'uw zaak nader onderzoek nodig heeft'
        }.`,
        `Wij beslissen uiterlijk op ${due}.`,
      ],
      action: 'Voorlopig niets. Wij schrijven u zodra wij hebben beslist.',
    }),
    decision: (n, { date, remedy }) => {
      const outcome = { granted: 'ingewilligd', refused: 'afgewezen', 'not-processed': 'buiten behandeling gesteld' }[n.outcome];
      return {
        subject: `Besluit op uw aanvraag: ${outcome}`,
        body: [
          `Op ${date(n.decidedOn)} is uw aanvraag ${outcome}.`,
          ...(n.permit
            ? [
                `U krijgt een verblijfsvergunning onder de beperking "${n.permit.restriction}", ` +
                  `geldig van ${date(n.permit.validFrom)} tot en met ${date(n.permit.validUntil)}.`,
                `Arbeid: ${n.permit.labourMarketNote}.`,
              ]
            : []),
        ],
        action:
          n.outcome === 'granted'
            ? 'Niets. Wij laten u weten wanneer en waar u uw verblijfsdocument kunt ophalen.'
            : `Bent u het niet eens met dit besluit, dan kunt u ${REMEDY[remedy].make}. De termijn daarvoor sturen wij u in een apart bericht.`,
      };
    },
    'objection-decision': (n, { date, remedy }) => ({
      subject: `Besluit op uw ${REMEDY[remedy].noun}: ${n.outcome === 'well-founded' ? 'gegrond' : 'ongegrond'}`,
      body: [
        `Op ${date(n.decidedOn)} hebben wij uw ${REMEDY[remedy].noun} ` +
          (n.outcome === 'well-founded' ? 'gegrond verklaard: wij hebben ons besluit herzien' : 'ongegrond verklaard: ons besluit blijft staan') +
          '.',
      ],
      action: 'Bent u het hier niet mee eens, dan kunt u beroep instellen bij de rechtbank; het besluit vermeldt hoe en wanneer.',
    }),
    'application-withdrawn': (n, { date }) => ({
      subject: 'Uw aanvraag is ingetrokken',
      body: [`Op ${date(n.withdrawnOn)} heeft u uw aanvraag ingetrokken. Wij hebben uw zaak zonder besluit afgesloten.`],
      action: 'Niets. Wilt u toch een vergunning, dan moet u een nieuwe aanvraag indienen.',
    }),
    'objection-period': (n, { date, due, remedy }) => ({
      subject: `Termijn voor ${REMEDY[remedy].noun} tegen het besluit: ${due}`,
      body: [`Bent u het niet eens met ons besluit van ${date(n.decidedOn)}, dan kunt u daartegen ${REMEDY[remedy].make}.`],
      action: `Stuur ons uw ${REMEDY[remedy].writ}, met de redenen, uiterlijk op de uiterste datum.`,
    }),
    'renewal-invitation': (n, { date, due }) => ({
      subject: `Verleng uw verblijfsvergunning uiterlijk ${due}`,
      body: [
        `Uw verblijfsvergunning is geldig tot en met ${date(n.permitValidUntil)}.`,
        'Vraag op tijd verlenging aan, zodat uw verblijfsrecht niet wordt onderbroken.',
      ],
      action: renew,
    }),
    'renewal-reminder': (n, { date, due }) => ({
      subject: `Herinnering: verleng uw verblijfsvergunning uiterlijk ${due}`,
      body: [`Uw verblijfsvergunning is geldig tot en met ${date(n.permitValidUntil)}. Wij hebben nog geen aanvraag tot verlenging ontvangen.`],
      action: renew,
    }),
    expiry: (n, { due }) => ({
      subject: `Uw verblijfsvergunning verloopt op ${due}`,
      body: n.renewable
        ? ['Uw verblijfsvergunning verloopt aan het einde van die dag, en wij hebben geen aanvraag tot verlenging ontvangen.']
        : ['Uw verblijfsvergunning verloopt aan het einde van die dag. Zij is verleend als niet verlengbaar en kan dus niet worden verlengd.'],
      action: n.renewable
        ? 'Vraag vóór die datum verlenging aan, of bereid uw vertrek voor wanneer de vergunning verloopt.'
        : 'Bereid uw vertrek voor wanneer de vergunning verloopt, of vraag vóór die datum een vergunning op een andere grond aan.',
    }),
    conversion: (n, { date }) => ({
      subject: 'Uw verblijfsvergunning is omgezet',
      body: [`Op ${date(n.convertedOn)} is uw verblijfsvergunning automatisch omgezet.`, `Zij is geldig tot en met ${date(n.validUntil)}.`],
      action: 'Niets. Bewaar dit bericht bij uw verblijfsdocumenten.',
    }),
    withdrawal: (n, { date, remedy }) => ({
      subject: 'Uw verblijfsvergunning is ingetrokken',
      body: [`Op ${date(n.withdrawnOn)} hebben wij uw verblijfsvergunning ingetrokken.`],
      action: `Bent u het hier niet mee eens, stuur ons dan uiterlijk op de uiterste datum uw ${REMEDY[remedy].writ}, met de redenen.`,
    }),
    'independent-permit': (n, { date }) => ({
      subject: 'U kunt een eigen verblijfsvergunning aanvragen',
      body: [
        `U bent als minderjarige toegelaten om bij uw gezin te wonen. Vanaf ${date(n.eligibleOn)} ` +
          'voldoet u aan de voorwaarde van één jaar voor een eigen verblijfsvergunning, los van uw gezinslid.',
      ],
      action: 'Wilt u een eigen vergunning, vraag die dan aan. Uw huidige vergunning blijft intussen geldig.',
    }),
  },
};
