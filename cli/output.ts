/**
 * Output that is not the default JSON document: a table or text for people, or JSON with an exit
 * code of its own (a bulk action with rejections exits 1 after printing its summary); and the
 * pieces the case and permit commands print alike (lists, sections, timelines).
 */
import type { TimelineEntry } from '../platform/history/timeline';
import { localTime } from '../platform/local-time';

export class Printed {
  constructor(
    readonly text: string,
    readonly exitCode = 0,
  ) {}

  static json(value: unknown, exitCode = 0): Printed {
    return new Printed(JSON.stringify(value, null, 2) + '\n', exitCode);
  }
}

/** Plain-text table: a header, columns padded to their widest cell, two spaces apart. */
export function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(headers), ...rows.map(line)].join('\n') + '\n';
}

/** Lists of cases and permits show their instants in UTC: their rows may belong to several jurisdictions. */
export const TIME_ZONE_OF_LISTS = 'UTC';

/** `--json` of the commands that print a table for people. */
export const JSON_OPTION = { type: 'boolean', description: 'JSON for scripts instead of the table' } as const;

export const orDash = (value: string | null | undefined) => value || '-';

/** Text indented by two spaces, as a section under its heading. */
export const indent = (text: string) =>
  text
    .trimEnd()
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');

/** A history as a table: when (in `timeZone`), what happened, who did it, what it was, on which legal basis. */
export function timelineText(entries: TimelineEntry[], timeZone: string): string {
  return table(
    [`TIME (${timeZone})`, 'EVENT', 'BY', 'WHAT', 'LEGAL BASIS'],
    entries.map((e) => [localTime(e.at, timeZone, true), e.event, e.by, e.what, e.legalBasis.join('; ')]),
  );
}
