/**
 * HTML built with one tagged template: every interpolated value is escaped unless it is itself
 * `Html` made by this template, so no text from a case, a form or a URL can become markup.
 */

/** Markup this module produced; the only thing inserted unescaped. */
export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

export type HtmlValue = Html | string | number | boolean | null | undefined | readonly HtmlValue[];

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

export const escapeHtml = (text: string): string => text.replace(/[&<>"'`]/g, (c) => ESCAPES[c]!);

function render(value: HtmlValue): string {
  if (value instanceof Html) return value.text;
  if (Array.isArray(value)) return value.map(render).join('');
  // `cond && html`…`` leaves false behind: it renders as nothing.
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): Html {
  let out = strings[0]!;
  values.forEach((value, i) => {
    out += render(value) + strings[i + 1]!;
  });
  return new Html(out);
}

/** A boolean attribute (` checked`, ` selected`) when `on`. */
export const attr = (name: string, on: boolean): Html => new Html(on ? ` ${escapeHtml(name)}` : '');
