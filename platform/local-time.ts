import { dateTimeFormat } from '../domain/calendar/formats';

/** `YYYY-MM-DD HH:MM` of an instant in a time zone (the office's, for deadlines and history). */
export function localTime(iso: string, timeZone: string, seconds = false): string {
  const parts = dateTimeFormat('sv-SE', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    ...(seconds ? { second: '2-digit' as const } : {}),
    hourCycle: 'h23',
  }).format(new Date(iso));
  return parts;
}

/** Today's date in a time zone, YYYY-MM-DD (clients may read the clock; the domain never does). */
export function todayIn(timeZone: string, now = new Date()): string {
  // en-CA formats a date as YYYY-MM-DD.
  return dateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
