// Every activity a worker registers. Workflows import only the types.
export { createNoticeActivities, renderNotice, type LetterOptions, type NoticeActivities, type NoticeActivityOptions } from './notices';
export { createMinistryActivities, emailMinistryIntake, type MinistryActivities, type MinistryIntake } from './ministry';
export { createOperatorAlertActivities, type OperatorAlertActivities } from './operator-alerts';
export { outboxMailer, smtpMailer, type Mailer } from '../platform/mailer';
export { fileLedger, type SentLedger } from './sent-ledger';
export { createPermitStarterActivities, type PermitStarterActivities } from './permits';
export { noticeLinkExpiry, noticeLinks, type NoticeLink, type NoticeLinkOptions } from './applicant-links';
