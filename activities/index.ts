// Every activity a worker registers. Workflows import only the types.
export { createNoticeActivities, type NoticeActivities } from './notices';
export { outboxMailer, smtpMailer, type Mailer } from './mailer';
export { fileLedger, type SentLedger } from './sent-ledger';
