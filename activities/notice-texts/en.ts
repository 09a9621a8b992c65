import type { NoticeTexts } from './types';

const sendDocuments = 'Send the documents listed above by the deadline.';
const onMissing = 'If we have not received them by the deadline, we will decide on the documents we have.';
const renew = 'Apply for renewal by the deadline.';
const OUTCOMES = { granted: 'granted', refused: 'refused', 'not-processed': 'not processed' } as const;
/** An objection to the office (NL), or an appeal (NO: klage). */
const REMEDY = { objection: { verb: 'object', verbTo: 'object to' }, appeal: { verb: 'appeal', verbTo: 'appeal' } } as const;

export const en: NoticeTexts = {
  locale: 'en-GB',
  greeting: (name) => `Dear ${name},`,
  actionLabel: 'What you must do',
  deadline: (date, isoDate, timeZone) => `Deadline: ${date} (${isoDate}), end of the day, ${timeZone} time.`,
  legalBasis: (kind, citations) => (kind === 'decision' ? `This decision rests on: ${citations}.` : `Legal basis: ${citations}.`),
  footer: (caseNumber) => [`Case number: ${caseNumber}`, 'Please quote this number in every reply.'],
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
    'evidence-request': (n, { due }) => ({
      subject: `Documents needed by ${due}`,
      body: ['Your application is not complete. Please send us:', { list: n.missing }, onMissing],
      action: sendDocuments,
    }),
    'cure-reminder': (n, { due }) => ({
      subject: `Reminder: documents needed by ${due}`,
      body: ['We are still waiting for:', { list: n.missing }, onMissing],
      action: sendDocuments,
    }),
    'deadline-extended': (n, { date, due }) => ({
      subject: `New deadline for your documents: ${due}`,
      body: [`The deadline of ${date(n.previousDue)} for sending us your documents has been extended.`, 'We still need:', { list: n.missing }],
      action: 'Send the documents listed above by the new deadline.',
    }),
    'decision-period-extended': (n, { date, due }) => ({
      subject: `We need more time to decide: new date ${due}`,
      body: [
        `We could not decide by ${date(n.previousDue)} as planned, because ${
          n.reason === 'country-report'
            ? 'we have asked for an official report on the situation in your country of origin'
            : 'your case needs further investigation'
        }.`,
        `We will decide by ${due} at the latest.`,
      ],
      action: 'Nothing for now. We will write to you when we have decided.',
    }),
    decision: (n, { date, remedy }) => ({
      subject: `Decision on your application: ${OUTCOMES[n.outcome]}`,
      body: [
        `On ${date(n.decidedOn)} your application was ${OUTCOMES[n.outcome]}.`,
        ...(n.permit
          ? [
              `Your residence permit is granted with the restriction "${n.permit.restriction}", ` +
                `valid from ${date(n.permit.validFrom)} up to and including ${date(n.permit.validUntil)}.`,
              `Work: ${n.permit.labourMarketNote}.`,
            ]
          : []),
      ],
      action:
        n.outcome === 'granted'
          ? 'Nothing. We will tell you when and where to collect your residence document.'
          : `If you disagree with this decision, you can ${REMEDY[remedy].verb}. We will send you the deadline for that in a separate notice.`,
    }),
    'objection-decision': (n, { date, remedy }) => ({
      subject: `Decision on your ${remedy}: ${n.outcome === 'well-founded' ? 'upheld' : 'dismissed'}`,
      body: [
        `On ${date(n.decidedOn)} we decided that your ${remedy} is ` +
          (n.outcome === 'well-founded' ? 'well-founded: we have reconsidered our decision' : 'unfounded: our decision stands') +
          '.',
      ],
      action: 'If you disagree, you can appeal to the court; the decision explains how and by when.',
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
    'renewal-invitation': (n, { date, due }) => ({
      subject: `Renew your residence permit by ${due}`,
      body: [
        `Your residence permit is valid until ${date(n.permitValidUntil)}.`,
        'Apply for renewal in time, so that your right of residence is not interrupted.',
      ],
      action: renew,
    }),
    'renewal-reminder': (n, { date, due }) => ({
      subject: `Reminder: renew your residence permit by ${due}`,
      body: [`Your residence permit is valid until ${date(n.permitValidUntil)}. We have not yet received an application for renewal.`],
      action: renew,
    }),
    expiry: (n, { due }) => ({
      subject: `Your residence permit expires on ${due}`,
      body: n.renewable
        ? ['Your residence permit expires at the end of that day, and we have not received an application for renewal.']
        : ['Your residence permit expires at the end of that day. It was granted as not renewable, so it cannot be extended.'],
      action: n.renewable
        ? 'Apply for renewal before then, or prepare to leave when the permit expires.'
        : 'Prepare to leave when the permit expires, or apply for a permit on another ground before then.',
    }),
    conversion: (n, { date }) => ({
      subject: 'Your residence permit has been converted',
      body: [`On ${date(n.convertedOn)} your residence permit was converted automatically.`, `It is valid until ${date(n.validUntil)}.`],
      action: 'Nothing. Keep this notice with your residence documents.',
    }),
    withdrawal: (n, { date, remedy }) => ({
      subject: 'Your residence permit has been withdrawn',
      body: [`On ${date(n.withdrawnOn)} we withdrew your residence permit.`],
      action: `If you disagree, send us your ${remedy} in writing, with your reasons, by the deadline.`,
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
