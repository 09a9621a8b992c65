import type { RemedyRoute } from '../../domain/jurisdictions';
import type { CitedLetterLaw, NoticeTexts } from './types';

const sendDocuments = 'Stuur de hierboven genoemde documenten uiterlijk op de uiterste datum.';
const onMissing = ({ cure }: CitedLetterLaw) =>
  cure.consequence === 'may-not-process'
    ? `Hebben wij ze dan niet ontvangen, dan kunnen wij besluiten uw aanvraag niet te behandelen (${cure.citation}); ` +
      'anders beslissen wij op basis van de documenten die wij hebben.'
    : `Hebben wij ze dan niet ontvangen, dan beslissen wij op basis van de documenten die wij hebben (${cure.citation}).`;
const renewalConsequence = ({ renewal }: CitedLetterLaw) =>
  !renewal
    ? []
    : renewal.consequence === 'late-leaves-gap'
      ? [
          'Vraagt u de verlenging aan nadat uw vergunning is verlopen, dan kan de nieuwe vergunning in beginsel pas ingaan op de dag van uw aanvraag. ' +
            `Uw rechtmatig verblijf is dan onderbroken, tenzij u de te late aanvraag niet kan worden verweten (${renewal.citation}).`,
        ]
      : [
          'Vraagt u uiterlijk een maand voordat uw vergunning verloopt verlenging aan, dan mag u op dezelfde voorwaarden blijven ' +
            `totdat op uw aanvraag is beslist (${renewal.citation}). Vraagt u later aan, dan heeft u dat recht niet.`,
        ];
const renew = 'Dien uiterlijk op de uiterste datum een aanvraag tot verlenging in.';
const leave = 'Heeft u dan geen ander recht op verblijf, dan moet u uiterlijk aan het einde van die dag zijn vertrokken.';
/** Bezwaar bij de dienst (NL), administratief beroep (NO: klage), of beroep bij de rechtbank. */
const REMEDY = {
  objection: { noun: 'bezwaar', make: 'bezwaar maken', writ: 'bezwaarschrift' },
  appeal: { noun: 'beroep', make: 'beroep instellen (klage)', writ: 'beroepschrift' },
  'court-appeal': { noun: 'beroep', make: 'beroep instellen bij de rechtbank', writ: 'beroepschrift' },
} as const satisfies Record<RemedyRoute, object>;
const CONTENTS = {
  signature: 'uw handtekening',
  'name-and-address': 'uw naam en adres',
  date: 'de datum',
  decision: 'tegen welk besluit het gericht is (vermeld het zaaknummer)',
  'change-sought': 'welke wijziging u vraagt',
  reasons: 'de redenen waarom u het niet eens bent met het besluit',
} as const;
const UNITS = { days: ['dag', 'dagen'], weeks: ['week', 'weken'] } as const;

export const nl: NoticeTexts = {
  locale: 'nl-NL',
  greeting: (name) => `Geachte ${name},`,
  actionLabel: 'Wat u moet doen',
  deadline: (date, isoDate, zone) => `Uiterste datum: ${date} (${isoDate}), tot het einde van de dag (${zone}).`,
  zoneNames: { 'Europe/Amsterdam': 'Nederlandse tijd', 'Europe/Oslo': 'Noorse tijd' },
  legalBasis: (kind, citations) => (kind === 'decision' ? `Dit besluit berust op: ${citations}.` : `Wettelijke grondslag: ${citations}.`),
  letterhead: ({ office, date, caseNumber, fileNumber }) => [
    `Van: ${[office.name, ...office.address].join(', ')}`,
    `Datum: ${date}`,
    `Zaaknummer: ${caseNumber}`,
    ...(fileNumber ? [`Uw ${fileNumber.name}: ${fileNumber.value}`] : []),
  ],
  reply: ({ caseNumber, office, applicantPage }) => [
    ...(applicantPage ? [`Uw zaak online: ${applicantPage}`] : []),
    ...(office.email ? [`Reageren kan door dit e-mailbericht te beantwoorden (${office.email}).`] : []),
    ...(office.address.length ? [`Per post: ${[office.name, ...office.address].join(', ')}.`] : []),
    ...(office.phone ? [`Telefonisch: ${office.phone}.`] : []),
    `Vermeld bij elke reactie het zaaknummer ${caseNumber}.`,
  ],
  closing: (office) => ['Met vriendelijke groet,', office.name],
  rights: ({ clause, office, due, favourable }) => {
    const r = REMEDY[clause.route];
    const { period } = clause;
    const unit = UNITS[period.unit][period.amount === 1 ? 0 : 1];
    const from =
      period.runsFrom === 'day-after-sent' ? 'te rekenen vanaf de dag na verzending van deze brief' : 'te rekenen vanaf de dag waarop u deze brief ontving';
    const where = clause.lodgeWith.kind === 'office' ? [office.name, ...office.address].join(', ') : 'de rechtbank (sector bestuursrecht)';
    return [
      clause.decidedBy.kind === 'appeal-board'
        ? `Bent u het niet eens met dit besluit, dan kunt u ${r.make}. Wijzigen wij het besluit niet zelf, dan sturen wij uw ${r.noun} ` +
          `door naar ${clause.decidedBy.name}, die erover beslist (${clause.decidedBy.citation}).`
        : `Bent u het niet eens met dit besluit, dan kunt u ${r.make} (${clause.decidedBy.citation}).`,
      `Dat moet binnen ${period.amount} ${unit}, ${from} (${period.citations.join('; ')}). ` +
        `Gerekend vanaf de datum van deze brief is de laatste dag ${due}.`,
      `Stuur uw ${r.writ} schriftelijk aan ${where} (${clause.lodgeWith.citation}). Het moet bevatten (${clause.contents.citation}):`,
      { list: clause.contents.items.map((item) => CONTENTS[item]) },
      clause.late.kind === 'inadmissible-unless-excusable'
        ? `Een ${r.writ} dat te laat binnenkomt, wordt niet-ontvankelijk verklaard, ` +
          `tenzij u redelijkerwijs niet kan worden verweten dat u te laat bent (${clause.late.citation}).`
        : `Een ${r.writ} dat te laat binnenkomt, wordt afgewezen, ` +
          `tenzij u de vertraging niet kan worden verweten of er bijzondere redenen zijn om het toch te behandelen (${clause.late.citation}).`,
      ...(favourable
        ? []
        : [
            {
              suspended:
                `Zolang de termijn loopt en, als u ${r.noun} maakt, totdat op uw ${r.noun} is beslist, ` +
                `heeft dit besluit geen gevolgen (${clause.meanwhile.citation}).`,
              'not-suspended': `Uw ${r.noun} houdt de gevolgen van dit besluit niet tegen (${clause.meanwhile.citation}).`,
              'ask-postponement':
                `Uw ${r.noun} houdt de gevolgen van dit besluit niet vanzelf tegen; ` +
                `u kunt ons vragen de uitvoering uit te stellen totdat op uw ${r.noun} is beslist (${clause.meanwhile.citation}).`,
            }[clause.meanwhile.kind],
            ...(clause.interimRelief
              ? [
                  clause.interimRelief.kind === 'provisional-measure'
                    ? `Kunt u de uitkomst niet afwachten, ` +
                      `dan kunt u de voorzieningenrechter van de rechtbank om een voorlopige voorziening vragen (${clause.interimRelief.citation}).`
                    : `Is op uw beroep definitief beslist, dan kunt u de rechter om een voorlopige maatregel vragen (${clause.interimRelief.citation}).`,
                ]
              : []),
          ]),
      `Mogelijk heeft u recht op gesubsidieerde rechtsbijstand (${clause.legalAid.citation}).` +
        (clause.documents ? ` U heeft het recht de stukken van uw zaak in te zien (${clause.documents.citation}).` : ''),
    ];
  },
  forwardedSubject: (to) => `Uw beroep is doorgestuurd naar ${to}`,
  forwarded: (to, citation) => [
    `Wij hebben uw beroep met de stukken van uw zaak doorgestuurd naar ${to}, die erover beslist (${citation}). U hoort van ${to}.`,
  ],
  s38Limitations: {
    'no-basis-for-permanent-permit': 'de vergunning geeft geen grond voor een vergunning voor onbepaalde tijd',
    'no-basis-for-family-members': 'de vergunning geeft geen grond voor verblijfsvergunningen voor uw gezinsleden',
    'not-renewable': 'de vergunning kan niet worden verlengd',
    'validity-under-one-year': 'de vergunning is korter dan een jaar geldig',
  },
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
    'evidence-request': (n, { due, law }) => ({
      subject: `Documenten nodig uiterlijk ${due}`,
      body: ['Uw aanvraag is niet compleet. Stuur ons alstublieft:', { list: n.missing }, onMissing(law)],
      action: sendDocuments,
    }),
    'cure-reminder': (n, { due, law }) => ({
      subject: `Herinnering: documenten nodig uiterlijk ${due}`,
      body: ['Wij wachten nog op:', { list: n.missing }, onMissing(law)],
      action: sendDocuments,
    }),
    'deadline-extended': (n, { date, due, law }) => ({
      subject: `Nieuwe termijn voor uw documenten: ${due}`,
      body: [`De termijn van ${date(n.previousDue)} om ons uw documenten te sturen is verlengd.`, 'Wij hebben nog nodig:', { list: n.missing }, onMissing(law)],
      action: 'Stuur de hierboven genoemde documenten uiterlijk op de nieuwe datum.',
    }),
    'decision-period-extended': (n, { date, due }) => ({
      subject: `Wij hebben meer tijd nodig om te beslissen: nieuwe datum ${due}`,
      body: [
        `Wij kunnen niet zoals gepland uiterlijk op ${date(n.previousDue)} beslissen, omdat ${
          n.reason === 'country-report'
            ? 'wij een ambtsbericht over de situatie in uw land van herkomst hebben gevraagd'
            : 'uw zaak nader onderzoek nodig heeft'
        }.`,
        `Wij beslissen uiterlijk op ${due}.`,
      ],
      action: 'Voorlopig niets. Wij schrijven u zodra wij hebben beslist.',
    }),
    decision: (n, { date, remedy, law }) => {
      const outcome = { granted: 'ingewilligd', refused: 'afgewezen', 'not-processed': 'buiten behandeling gesteld' }[n.outcome];
      return {
        subject: `Besluit op uw aanvraag: ${outcome}`,
        body: [
          `Op ${date(n.decidedOn)} is uw aanvraag ${outcome}.`,
          ...(n.permit
            ? [
                (law.grantTerms === 'restriction'
                  ? `U krijgt een verblijfsvergunning onder de beperking "${n.permit.restriction}", `
                  : `U krijgt een verblijfsvergunning (${n.permit.restriction}), `) +
                  `geldig van ${date(n.permit.validFrom)} tot en met ${date(n.permit.validUntil)}.`,
                `Arbeid: ${n.permit.labourMarketNote.replace(/\.$/, '')}.`,
                ...(law.permitRestrictions && n.permit.s38Limitations
                  ? n.permit.s38Limitations.length
                    ? [
                        `Op grond van ${law.permitRestrictions} gelden voor de vergunning deze beperkingen:`,
                        { list: n.permit.s38Limitations.map((l) => nl.s38Limitations[l]) },
                      ]
                    : [`Voor de vergunning gelden geen beperkingen op grond van ${law.permitRestrictions}.`]
                  : []),
              ]
            : []),
        ],
        action:
          n.outcome === 'granted'
            ? 'Niets. Wij laten u weten wanneer en waar u uw verblijfsdocument kunt ophalen.'
            : `Bent u het niet eens met dit besluit, stuur dan uw ${REMEDY[remedy].writ} zoals hierboven beschreven, ` +
              `uiterlijk op de daar genoemde laatste dag.`,
      };
    },
    'objection-decision': (n, { date, remedy }) => ({
      subject: `Besluit op uw ${REMEDY[remedy].noun}: ${n.outcome === 'well-founded' ? 'gegrond' : 'ongegrond'}`,
      body: [
        `Op ${date(n.decidedOn)} hebben wij uw ${REMEDY[remedy].noun} ` +
          (n.outcome === 'well-founded'
            ? 'gegrond verklaard en ons besluit gewijzigd'
            : remedy === 'objection'
              ? 'ongegrond verklaard: ons besluit blijft staan'
              : 'niet gegrond bevonden: wij hebben ons besluit niet gewijzigd') +
          '.',
      ],
      action: 'Lees hierboven wat er nu gebeurt en wat u kunt doen als u het er niet mee eens bent.',
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
    'renewal-invitation': (n, { date, due, law }) => ({
      subject: `Verleng uw verblijfsvergunning uiterlijk ${due}`,
      body: [`Uw verblijfsvergunning is geldig tot en met ${date(n.permitValidUntil)}.`, ...renewalConsequence(law)],
      action: renew,
    }),
    'renewal-reminder': (n, { date, due, law }) => ({
      subject: `Herinnering: verleng uw verblijfsvergunning uiterlijk ${due}`,
      body: [
        `Uw verblijfsvergunning is geldig tot en met ${date(n.permitValidUntil)}. Wij hebben nog geen aanvraag tot verlenging ontvangen.`,
        ...renewalConsequence(law),
      ],
      action: renew,
    }),
    expiry: (n, { due }) => ({
      subject: `Uw verblijfsvergunning verloopt op ${due}`,
      body: n.renewable
        ? ['Uw verblijfsvergunning verloopt aan het einde van die dag, en wij hebben geen aanvraag tot verlenging ontvangen.']
        : ['Uw verblijfsvergunning verloopt aan het einde van die dag. Zij is verleend als niet verlengbaar en kan dus niet worden verlengd.'],
      action: n.renewable ? `Vraag vóór die datum verlenging aan. ${leave}` : `${leave} Vóór die datum kunt u een vergunning op een andere grond aanvragen.`,
    }),
    conversion: (n, { date, law }) => ({
      subject: 'Uw verblijfsvergunning is omgezet',
      body: [
        n.restriction
          ? `Op ${date(n.convertedOn)} is uw verblijfsvergunning automatisch omgezet in een verblijfsvergunning ` +
            (law.grantTerms === 'restriction' ? `onder de beperking "${n.restriction}".` : `(${n.restriction}).`)
          : `Op ${date(n.convertedOn)} is uw verblijfsvergunning automatisch omgezet.`,
        ...(n.labourMarketNote ? [`Arbeid: ${n.labourMarketNote.replace(/\.$/, '')}.`] : []),
        `Zij is geldig tot en met ${date(n.validUntil)}.`,
      ],
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
