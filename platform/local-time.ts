/** `YYYY-MM-DD HH:MM` of an instant in a time zone (the office's, for deadlines and history). */
export function localTime(iso: string, timeZone: string, seconds = false): string {
  const parts = new Intl.DateTimeFormat('sv-SE', {
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
