import type { RemedyRoute } from '../../domain/jurisdictions';
import type { CitedLetterLaw, NoticeTexts } from './types';

const sendDocuments = 'Send the documents listed above by the deadline.';
const onMissing = ({ cure }: CitedLetterLaw) =>
  cure.consequence === 'may-not-process'
    ? `If we have not received them by the deadline, we may decide not to process your application (${cure.citation}); ` +
      `otherwise we decide on the documents we have.`
    : `If we have not received them by the deadline, we will decide on the documents we have (${cure.citation}).`;
const renewalConsequence = ({ renewal }: CitedLetterLaw) =>
  !renewal
    ? []
    : renewal.consequence === 'late-leaves-gap'
      ? [
          'If you apply after your permit has expired, the new permit can in principle start only on the day you apply, ' +
            `which leaves a gap in your lawful residence, unless the lateness cannot be held against you (${renewal.citation}).`,
        ]
      : [
          'If you apply at least one month before your permit expires, you may stay on the same terms until your application ' +
            `has been decided (${renewal.citation}). If you apply later, you do not keep that right.`,
        ];
const renew = 'Apply for renewal by the deadline.';
const leave = 'If by then you have no other right to stay, you must have left by the end of that day.';
const OUTCOMES = { granted: 'granted', refused: 'refused', 'not-processed': 'not processed' } as const;
/** An objection to the office (NL), an appeal (NO: klage), or an appeal to the court. */
const REMEDY = {
  objection: { noun: 'objection', verb: 'object', verbTo: 'object to', writ: 'notice of objection' },
  appeal: { noun: 'appeal', verb: 'appeal', verbTo: 'appeal', writ: 'appeal' },
  'court-appeal': { noun: 'appeal', verb: 'appeal to the court', verbTo: 'appeal to the court against', writ: 'notice of appeal' },
} as const satisfies Record<RemedyRoute, object>;
const CONTENTS = {
  signature: 'your signature',
  'name-and-address': 'your name and address',
  date: 'the date',
  decision: 'which decision you object to or appeal against (quote the case number)',
  'change-sought': 'what change you ask for',
  reasons: 'your reasons',
} as const;
const article = (noun: string) => (/^[aeiou]/.test(noun) ? 'An' : 'A');
const UNITS = { days: ['day', 'days'], weeks: ['week', 'weeks'] } as const;

export const en: NoticeTexts = {
  locale: 'en-GB',
  greeting: (name) => `Dear ${name},`,
  actionLabel: 'What you must do',
  deadline: (date, isoDate, zone) => `Deadline: ${date} (${isoDate}), end of the day, ${zone}.`,
  zoneNames: { 'Europe/Amsterdam': 'Netherlands time', 'Europe/Oslo': 'Norwegian time' },
  legalBasis: (kind, citations) => (kind === 'decision' ? `This decision rests on: ${citations}.` : `Legal basis: ${citations}.`),
  letterhead: ({ office, date, caseNumber, fileNumber }) => [
    `From: ${[office.name, ...office.address].join(', ')}`,
    `Date: ${date}`,
    `Case number: ${caseNumber}`,
    ...(fileNumber ? [`Your ${fileNumber.name}: ${fileNumber.value}`] : []),
  ],
  reply: ({ caseNumber, office, applicantPage }) => [
    ...(applicantPage ? [`Your case online: ${applicantPage}`] : []),
    ...(office.email ? [`To reply, answer this e-mail (${office.email}).`] : []),
    ...(office.address.length ? [`By post: ${[office.name, ...office.address].join(', ')}.`] : []),
    ...(office.phone ? [`By telephone: ${office.phone}.`] : []),
    `Please quote case number ${caseNumber} in every reply.`,
  ],
  closing: (office) => ['Yours sincerely,', office.name],
  rights: ({ clause, office, due, favourable }) => {
    const r = REMEDY[clause.route];
    const { period } = clause;
    const unit = UNITS[period.unit][period.amount === 1 ? 0 : 1];
    const from = period.runsFrom === 'day-after-sent' ? 'starting on the day after this letter was sent' : 'from the day this letter reached you';
    const where =
      clause.lodgeWith.kind === 'office' ? [office.name, ...office.address].join(', ') : 'the court (the administrative law section of the district court)';
    return [
      clause.decidedBy.kind === 'appeal-board'
        ? `If you disagree with this decision, you can ${r.verb}. If we do not change the decision ourselves, ` +
          `we send your appeal to ${clause.decidedBy.name}, which decides it (${clause.decidedBy.citation}).`
        : `If you disagree with this decision, you can ${r.verb} (${clause.decidedBy.citation}).`,
      `You must do so within ${period.amount} ${unit}, ${from} (${period.citations.join('; ')}). ` +
        `Counted from the date of this letter, the last day is ${due}.`,
      `Send your ${r.writ} in writing to ${where} (${clause.lodgeWith.citation}). It must contain (${clause.contents.citation}):`,
      { list: clause.contents.items.map((item) => CONTENTS[item]) },
      clause.late.kind === 'inadmissible-unless-excusable'
        ? `${article(r.noun)} ${r.noun} received after the period is declared inadmissible, ` +
          `unless you cannot reasonably be blamed for the delay (${clause.late.citation}).`
        : `${article(r.noun)} ${r.noun} received after the period is rejected, ` +
          `unless you cannot be blamed for the delay or there are special reasons to consider it (${clause.late.citation}).`,
      ...(favourable
        ? []
        : [
            {
              suspended:
                `Until the period has ended and, if you ${r.verb}, until your ${r.noun} is decided, ` +
                `this decision does not take effect (${clause.meanwhile.citation}).`,
              'not-suspended': `Your ${r.noun} does not stop this decision taking effect (${clause.meanwhile.citation}).`,
              'ask-postponement':
                `Your ${r.noun} does not by itself stop this decision taking effect; ` +
                `you can ask us to postpone its implementation until your ${r.noun} is decided (${clause.meanwhile.citation}).`,
            }[clause.meanwhile.kind],
            ...(clause.interimRelief
              ? [
                  clause.interimRelief.kind === 'provisional-measure'
                    ? `If you cannot wait for the outcome, ` +
                      `you can ask the interim relief judge (voorzieningenrechter) of the court for a provisional measure (${clause.interimRelief.citation}).`
                    : `Once the decision on your appeal is final, you can ask the court for a temporary injunction (${clause.interimRelief.citation}).`,
                ]
              : []),
          ]),
      `You may be entitled to legal aid at reduced cost (${clause.legalAid.citation}).` +
        (clause.documents ? ` You have the right to see the documents of your case (${clause.documents.citation}).` : ''),
    ];
  },
  forwardedSubject: (to) => `Your appeal has been sent to ${to}`,
  forwarded: (to, citation) => [
    `We have sent your appeal, with the documents of your case, to ${to}, which decides it (${citation}). ${to} will write to you.`,
  ],
  s38Limitations: {
    'no-basis-for-permanent-permit': 'the permit does not provide a basis for a permanent residence permit',
    'no-basis-for-family-members': 'the permit does not provide a basis for residence permits for your family members',
    'not-renewable': 'the permit cannot be renewed',
    'validity-under-one-year': 'the permit is valid for less than one year',
  },
  kinds: {
    receipt: (n, { date }) => ({
      subject: 'Application received',
      body: [
        `We received your application on ${date(n.receivedOn)}.`,
        n.deadline
          ? `We will decide on it by ${date(n.deadline.due)} at the latest. If we need longer, we will tell you before then.`
          : 'We will decide on it without undue delay, and write to you if it takes more than a month.',
      ],
      action: 'Nothing for now. Tell us if your e-mail address changes, and answer any request from us in time.',
    }),
    'evidence-request': (n, { due, law }) => ({
      subject: `Documents needed by ${due}`,
      body: ['Your application is not complete. Please send us:', { list: n.missing }, onMissing(law)],
      action: sendDocuments,
    }),
    'cure-reminder': (n, { due, law }) => ({
      subject: `Reminder: documents needed by ${due}`,
      body: ['We are still waiting for:', { list: n.missing }, onMissing(law)],
      action: sendDocuments,
    }),
    'deadline-extended': (n, { date, due, law }) => ({
      subject: `New deadline for your documents: ${due}`,
      body: [`The deadline of ${date(n.previousDue)} for sending us your documents has been extended.`, 'We still need:', { list: n.missing }, onMissing(law)],
      action: 'Send the documents listed above by the new deadline.',
    }),
    'decision-period-extended': (n, { date, due }) => ({
      subject: `We need more time to decide: new date ${due}`,
      body: [
        `We will not be able to decide by ${date(n.previousDue)} as planned, because ${
          n.reason === 'country-report'
            ? 'we have asked for an official report on the situation in your country of origin'
            : 'your case needs further investigation'
        }.`,
        `We will decide by ${due} at the latest.`,
      ],
      action: 'Nothing for now. We will write to you when we have decided.',
    }),
    decision: (n, { date, remedy, law }) => ({
      subject: `Decision on your application: ${OUTCOMES[n.outcome]}`,
      body: [
        `On ${date(n.decidedOn)} your application was ${OUTCOMES[n.outcome]}.`,
        ...(n.permit
          ? [
              (law.grantTerms === 'restriction'
                ? `Your residence permit is granted with the restriction "${n.permit.restriction}", `
                : `You are granted a residence permit (${n.permit.restriction}), `) +
                `valid from ${date(n.permit.validFrom)} up to and including ${date(n.permit.validUntil)}.`,
              `Work: ${n.permit.labourMarketNote.replace(/\.$/, '')}.`,
              ...(law.permitRestrictions && n.permit.s38Limitations
                ? n.permit.s38Limitations.length
                  ? [
                      `Under ${law.permitRestrictions}, the permit is granted with these limitations:`,
                      { list: n.permit.s38Limitations.map((l) => en.s38Limitations[l]) },
                    ]
                  : [`The permit has none of the limitations of ${law.permitRestrictions}.`]
                : []),
            ]
          : []),
      ],
      action:
        n.outcome === 'granted'
          ? 'Nothing. We will tell you when and where to collect your residence document.'
          : `If you disagree with this decision, send us your ${REMEDY[remedy].writ} as set out above, by the last day stated there.`,
    }),
    'objection-decision': (n, { date, remedy }) => ({
      subject: `Decision on your ${remedy}: ${n.outcome === 'well-founded' ? 'upheld' : remedy === 'objection' ? 'dismissed' : 'not upheld'}`,
      body: [
        `On ${date(n.decidedOn)} we ` +
          (n.outcome === 'well-founded'
            ? `found your ${remedy} well-founded and changed our decision`
            : remedy === 'objection'
              ? 'declared your objection unfounded: our decision stands'
              : 'decided not to uphold your appeal: we have not changed our decision') +
          '.',
      ],
      action: 'Read above what happens next and what you can do if you disagree.',
    }),
    'application-withdrawn': (n, { date }) => ({
      subject: 'Your application has been withdrawn',
      body: [`On ${date(n.withdrawnOn)} you withdrew your application. We have closed your case without a decision.`],
      action: 'Nothing. If you want a permit after all, you must submit a new application.',
    }),
    'objection-period': (n, { date, due, remedy }) => ({
      subject: `Deadline to ${REMEDY[remedy].verbTo} the decision: ${due}`,
      body: [`If you disagree with our decision of ${date(n.decidedOn)}, you can ${REMEDY[remedy].verbTo} it.`],
      action: `Send us your ${remedy} in writing, with your reasons, by the deadline.`,
    }),
    'renewal-invitation': (n, { date, due, law }) => ({
      subject: `Renew your residence permit by ${due}`,
      body: [`Your residence permit is valid until ${date(n.permitValidUntil)}.`, ...renewalConsequence(law)],
      action: renew,
    }),
    'renewal-reminder': (n, { date, due, law }) => ({
      subject: `Reminder: renew your residence permit by ${due}`,
      body: [
        `Your residence permit is valid until ${date(n.permitValidUntil)}. We have not yet received an application for renewal.`,
        ...renewalConsequence(law),
      ],
      action: renew,
    }),
    expiry: (n, { due }) => ({
      subject: `Your residence permit expires on ${due}`,
      body: n.renewable
        ? ['Your residence permit expires at the end of that day, and we have not received an application for renewal.']
        : ['Your residence permit expires at the end of that day. It was granted as not renewable, so it cannot be extended.'],
      action: n.renewable ? `Apply for renewal before then. ${leave}` : `${leave} Before then you may apply for a permit on another ground.`,
    }),
    conversion: (n, { date, law }) => ({
      subject: 'Your residence permit has been converted',
      body: [
        n.restriction
          ? `On ${date(n.convertedOn)} your residence permit was converted automatically into a permit ` +
            (law.grantTerms === 'restriction' ? `with the restriction "${n.restriction}".` : `(${n.restriction}).`)
          : `On ${date(n.convertedOn)} your residence permit was converted automatically.`,
        ...(n.labourMarketNote ? [`Work: ${n.labourMarketNote.replace(/\.$/, '')}.`] : []),
        `It is valid until ${date(n.validUntil)}.`,
      ],
      action: 'Nothing. Keep this notice with your residence documents.',
    }),
    withdrawal: (n, { date, remedy }) => ({
      subject: 'Your residence permit has been withdrawn',
      body: [`On ${date(n.withdrawnOn)} we withdrew your residence permit.`],
      action: `If you disagree, send us your ${REMEDY[remedy].writ} in writing, with your reasons, by the deadline.`,
    }),
    'independent-permit': (n, { date }) => ({
      subject: 'You may apply for a residence permit of your own',
      body: [
        `You were admitted as a minor to live with your family. From ${date(n.eligibleOn)} you meet ` +
          'the one-year condition for a residence permit of your own, independent of your family member.',
      ],
      action: 'If you want a permit of your own, apply for it. Your current permit stays valid meanwhile.',
    }),
  },
};
