/**
 * The iCalendar event (RFC 5545) that puts a notice's deadline into the applicant's calendar: an
 * all-day event on the last day, so every calendar shows it on the legal date whatever its own
 * time zone, with a reminder two days before.
 */
import { addDays, type LocalDate } from '../domain/calendar';

export interface DeadlineEvent {
  /** Stable per notice, so a re-sent notice updates the same event instead of adding one. */
  uid: string;
  due: LocalDate;
  summary: string;
  description: string;
  issuedAt: Date;
}

export function deadlineEvent(event: DeadlineEvent): string {
  const day = (date: LocalDate) => date.replaceAll('-', '');
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//dossier//notices//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:${text(event.uid)}`,
    `DTSTAMP:${event.issuedAt
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d{3}/, '')}`,
    `DTSTART;VALUE=DATE:${day(event.due)}`,
    `DTEND;VALUE=DATE:${day(addDays(event.due, 1))}`,
    `SUMMARY:${text(event.summary)}`,
    `DESCRIPTION:${text(event.description)}`,
    'TRANSP:TRANSPARENT',
    'BEGIN:VALARM',
    'ACTION:DISPLAY',
    'TRIGGER:-P2D',
    `DESCRIPTION:${text(event.summary)}`,
    'END:VALARM',
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(fold).join('\r\n') + '\r\n';
}

/** TEXT value escaping (RFC 5545 3.3.11). */
function text(value: string): string {
  return value.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\r?\n/g, '\\n');
}

/** Folds a content line at 75 octets without splitting a UTF-8 character (RFC 5545 3.1). */
function fold(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char);
    // Continuation lines start with a space, which counts towards their 75 octets.
    if (octets + size > 75) {
      parts.push(current);
      current = ' ';
      octets = 1;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n');
}
