/**
 * Output that is not the default JSON document: a table or text for people, or JSON with an exit
 * code of its own (a bulk action with rejections exits 1 after printing its summary).
 */
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
