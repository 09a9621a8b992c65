/**
 * Forms generated from zod schemas, by one walker over the schema: a string becomes a text field,
 * an enum a select, a required boolean a checkbox (an optional or nullable one a yes/no select), a
 * date a date input, a number a number field, a literal a fixed value, a list of strings a textarea
 * with one per line, a list of enum values checkboxes, an object a fieldset, an optional or
 * nullable object a fieldset to open, a discriminated union a select for its discriminator and the
 * fields of the chosen option, and a list of objects repeatable rows. Control names are the dotted
 * paths of the values in the parsed object (`facts.permits.0.from`), and a posted form becomes that
 * object. The schema stays the only judge of the input: this module only reads the fields it
 * declares and shows the schema's rules at their fields.
 *
 * Without scripts, a form changes shape by being posted and shown again: the button next to a
 * discriminator shows the chosen option's fields (`_update`), and a list's "add a row" button one
 * more row (`_add`). Every list shows one empty row after its last filled one; a row left empty is
 * not part of the object.
 */
import { z } from 'zod';
import { LocalDateSchema } from '../../domain/application/common';
import { CaseActionSchema, type CaseActionType } from '../../domain/case-actions';
import type { FieldProblem } from '../problems';
import { attr, type Html, html, type HtmlValue } from './html';
import type { Translator } from './i18n';

interface FieldBase {
  /** The dotted path of the value in the parsed object, and the control's name; `#` stands for a row's index in a list's row template. */
  name: string;
  optional: boolean;
  /** Absent means null (the schema's `.nullable()`). */
  nullable?: boolean;
}

/** One option of a discriminated union: the discriminator's value as posted, as the schema wants it, and the option's other fields. */
export interface Variant {
  value: string;
  literal: string | number | boolean;
  fields: Field[];
}

export type Field =
  | (FieldBase & { kind: 'text'; long: boolean; alternatives?: string[] })
  | (FieldBase & { kind: 'date' | 'checkbox' | 'lines' | 'number' | 'yesno' })
  | (FieldBase & { kind: 'select' | 'choices'; options: string[] })
  | (FieldBase & { kind: 'fixed'; value: string | number | boolean })
  | (FieldBase & { kind: 'group'; fields: Field[] })
  | (FieldBase & { kind: 'union'; key: string; variants: Variant[] })
  | (FieldBase & { kind: 'rows'; item: Field; max: number });

/** What a form posted, only for the names it declares: text, or a list for repeated names. */
export type FormValues = Record<string, string | string[]>;

/** Errors per field name; `general` for rules about no one field. */
export interface FormErrors {
  byField: Map<string, string[]>;
  general: string[];
}

/** How a form that changes shape is shown: where its buttons post, and which list asked for one more row. */
export interface RenderOptions {
  /** The form's action: the re-render buttons post there, and come back at their field. */
  action?: string;
  /** The list whose "add a row" button was pressed. */
  add?: string;
}

export const noErrors = (): FormErrors => ({ byField: new Map(), general: [] });

/** The most rows a list takes from a form (a posted index beyond is not read). */
export const MAX_ROWS = 100;
/** The names of the buttons that show the form again instead of submitting it. */
export const UPDATE = '_update';
export const ADD_ROW = '_add';

// Free text that is written as sentences gets room to write them.
const LONG_TEXT = new Set(['reason', 'summary', 'assessment', 'description']);

function unwrap(schema: z.ZodType): { inner: z.ZodType; optional: boolean; nullable: boolean } {
  let inner = schema;
  let optional = false;
  let nullable = false;
  for (;;) {
    if (inner instanceof z.ZodOptional || inner instanceof z.ZodDefault) optional = true;
    else if (inner instanceof z.ZodNullable) nullable = true;
    else return { inner, optional, nullable };
    inner = inner.unwrap() as z.ZodType;
  }
}

const isDate = (schema: z.ZodType) => schema === LocalDateSchema || (schema instanceof z.ZodString && schema.format === 'date');
const isText = (schema: z.ZodType) => schema instanceof z.ZodString || schema instanceof z.ZodStringFormat;
const literalsOf = (schema: z.ZodType): (string | number | boolean)[] | null =>
  schema instanceof z.ZodLiteral ? [...schema.values].filter((v): v is string | number | boolean => ['string', 'number', 'boolean'].includes(typeof v)) : null;
const maxLength = (schema: z.ZodArray) =>
  ((schema._zod.def.checks ?? []) as unknown as { _zod: { def: { check: string; maximum?: number } } }[])
    .map((c) => c._zod.def)
    .reduce((max, def) => (def.check === 'max_length' && def.maximum !== undefined ? Math.min(max, def.maximum) : max), MAX_ROWS);

/** The control of one value; a kind of schema no control fits fails here, at start-up, not in front of a caseworker. */
function fieldFor(name: string, key: string, schema: z.ZodType): Field {
  const { inner, optional, nullable } = unwrap(schema);
  const base = { name, optional, ...(nullable ? { nullable } : {}) };
  if (isDate(inner)) return { kind: 'date', ...base };
  if (isText(inner)) return { kind: 'text', ...base, long: LONG_TEXT.has(key) };
  if (inner instanceof z.ZodNumber) return { kind: 'number', ...base };
  if (inner instanceof z.ZodEnum) return { kind: 'select', ...base, options: inner.options.map(String) };
  if (inner instanceof z.ZodBoolean) return { kind: optional || nullable ? 'yesno' : 'checkbox', ...base };
  const literals = literalsOf(inner);
  if (literals?.length === 1) return { kind: 'fixed', ...base, value: literals[0]! };
  if (inner instanceof z.ZodObject) return { kind: 'group', ...base, fields: fieldsOf(inner, name) };
  if (inner instanceof z.ZodDiscriminatedUnion) {
    const discriminator = inner._zod.def.discriminator;
    const variants = (inner.options as z.ZodType[]).flatMap((option): Variant[] => {
      if (!(option instanceof z.ZodObject)) throw new Error(`no form control for an option of "${name}" (${option.constructor.name})`);
      const values = literalsOf(option.shape[discriminator] as z.ZodType) ?? [];
      return values.map((literal) => ({ value: String(literal), literal, fields: fieldsOf(option, name, [discriminator]) }));
    });
    return { kind: 'union', ...base, key: discriminator, variants };
  }
  if (inner instanceof z.ZodUnion) {
    // A text that may also be a word (a date, or "indefinite"): one text field, the words as a hint.
    const options = (inner.options as z.ZodType[]).map((o) => unwrap(o).inner);
    const alternatives = options.flatMap((o) => literalsOf(o) ?? []).map(String);
    if (options.every((o) => isText(o) || literalsOf(o)?.every((v) => typeof v === 'string')))
      return { kind: 'text', ...base, long: false, ...(alternatives.length ? { alternatives } : {}) };
  }
  if (inner instanceof z.ZodArray) {
    const element = unwrap(inner.element as z.ZodType).inner;
    if (element instanceof z.ZodEnum) return { kind: 'choices', ...base, options: element.options.map(String) };
    if (isText(element)) return { kind: 'lines', ...base };
    if (element instanceof z.ZodObject || element instanceof z.ZodDiscriminatedUnion)
      return { kind: 'rows', ...base, item: fieldFor(`${name}.#`, '#', element), max: maxLength(inner) };
  }
  throw new Error(`no form control for the field "${name}" (${inner.constructor.name})`);
}

/** The controls of an object schema. */
export function fieldsOf(schema: z.ZodObject, prefix = '', skip: readonly string[] = []): Field[] {
  return Object.entries(schema.shape)
    .filter(([key]) => !skip.includes(key))
    .map(([key, value]) => fieldFor(prefix ? `${prefix}.${key}` : key, key, value as z.ZodType));
}

/** Each action's fields, without `type` (in the URL) and `actor` (the principal). */
export const ACTION_FIELDS: ReadonlyMap<CaseActionType, Field[]> = new Map(
  (CaseActionSchema.options as unknown as z.ZodObject[]).map((option) => [
    (option.shape.type as z.ZodLiteral<CaseActionType>).value,
    // `files` are uploads the applicant's page records (http/web/applicant.ts), not typed in.
    fieldsOf(option, '', ['type', 'actor', 'files']),
  ]),
);

/** A name with each row index as `#`: the name the form declares. */
export const templateOf = (name: string) => name.replace(/\.\d+(?=\.|$)/g, '.#');

/** Every name the fields declare, rows as templates: a group's own name is its "include" box, a union's its discriminator's parent. */
function declaredNames(fields: Field[]): string[] {
  return fields.flatMap((f): string[] => {
    switch (f.kind) {
      case 'group':
        return [f.name, ...declaredNames(f.fields)];
      case 'union':
        return [f.name, `${f.name}.${f.key}`, ...f.variants.flatMap((v) => declaredNames(v.fields))];
      case 'rows':
        return [f.name, ...declaredNames([f.item])];
      default:
        return [f.name];
    }
  });
}

const listOf = (raw: string | string[] | undefined) => (raw === undefined ? [] : Array.isArray(raw) ? raw : [raw]);

/** The posted values of the declared fields; anything else in the body, any value that is not text, and rows beyond MAX_ROWS are left out. */
export function formValues(fields: Field[], body: unknown, extra: readonly string[] = []): FormValues {
  const posted = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  const declared = new Set([...declaredNames(fields), ...extra]);
  const values: FormValues = {};
  for (const [name, raw] of Object.entries(posted)) {
    if (!declared.has(templateOf(name)) || [...name.matchAll(/\.(\d+)(?=\.|$)/g)].some((m) => Number(m[1]) >= MAX_ROWS)) continue;
    if (typeof raw === 'string') values[name] = raw;
    else if (Array.isArray(raw)) values[name] = raw.filter((v): v is string => typeof v === 'string');
  }
  return values;
}

/** Whether anything under `name` was filled in (or its "include" box ticked). */
export function touched(name: string, values: FormValues): boolean {
  return Object.entries(values).some(([key, raw]) =>
    key === name ? listOf(raw).includes('true') : key.startsWith(`${name}.`) && listOf(raw).some((v) => v.trim() !== ''),
  );
}

/** The same fields under another prefix: a row template made one row. */
function rebase(field: Field, from: string, to: string): Field {
  const name = field.name === from ? to : field.name.startsWith(`${from}.`) ? to + field.name.slice(from.length) : field.name;
  const each = (fields: Field[]) => fields.map((f) => rebase(f, from, to));
  switch (field.kind) {
    case 'group':
      return { ...field, name, fields: each(field.fields) };
    case 'union':
      return { ...field, name, variants: field.variants.map((v) => ({ ...v, fields: each(v.fields) })) };
    case 'rows':
      return { ...field, name, item: rebase(field.item, from, to) };
    default:
      return { ...field, name };
  }
}

/** Row `index` of a list. */
const rowOf = (field: Field & { kind: 'rows' }, index: number): Field => rebase(field.item, `${field.name}.#`, `${field.name}.${index}`);

/** How many rows of a list were posted (the highest index, plus one). */
function rowCount(name: string, values: FormValues): number {
  const prefix = `${name}.`;
  let count = 0;
  for (const key of Object.keys(values)) {
    if (!key.startsWith(prefix)) continue;
    const index = /^(\d+)(?=\.|$)/.exec(key.slice(prefix.length));
    if (index) count = Math.max(count, Number(index[1]) + 1);
  }
  return count;
}

/** The option a union's discriminator names, if any. */
const variantOf = (field: Field & { kind: 'union' }, values: FormValues): Variant | undefined =>
  field.variants.find((v) => v.value === values[`${field.name}.${field.key}`]);

/** The values with every list's empty rows dropped and the rest numbered from 0, so the parsed object's indices are the form's. */
export function compactRows(fields: Field[], values: FormValues): FormValues {
  return fields.reduce((acc, field) => compactField(field, acc), values);
}

function compactField(field: Field, values: FormValues): FormValues {
  switch (field.kind) {
    case 'group':
      return compactRows(field.fields, values);
    case 'union': {
      const variant = variantOf(field, values);
      return variant ? compactRows(variant.fields, values) : values;
    }
    case 'rows': {
      const prefix = `${field.name}.`;
      const kept = Array.from({ length: rowCount(field.name, values) }, (_, i) => i).filter((i) => touched(`${field.name}.${i}`, values));
      const out: FormValues = {};
      for (const [key, raw] of Object.entries(values)) if (!key.startsWith(prefix)) out[key] = raw;
      kept.forEach((old, index) => {
        const from = `${field.name}.${old}`;
        for (const [key, raw] of Object.entries(values))
          if (key === from || key.startsWith(`${from}.`)) out[`${field.name}.${index}${key.slice(from.length)}`] = raw;
      });
      return kept.reduce((acc, _, index) => compactField(rowOf(field, index), acc), out);
    }
    default:
      return values;
  }
}

const ABSENT = Symbol('absent');

/** What an empty value is: left out when optional, null when nullable. */
const emptyOf = (field: Field, whenRequired: unknown) => (field.optional ? ABSENT : field.nullable ? null : whenRequired);

/** The value of one field; ABSENT when it is to be left out. An empty required field is kept as empty, so the schema's own rule names it. */
function fieldValue(field: Field, values: FormValues): unknown {
  const raw = values[field.name];
  switch (field.kind) {
    case 'text':
    case 'date':
    case 'select':
      // A repeated name arrives as a list: passed on, the schema says it is not text.
      return raw !== undefined && raw !== '' ? raw : emptyOf(field, '');
    case 'number': {
      if (raw === undefined || (typeof raw === 'string' && raw.trim() === '')) return emptyOf(field, '');
      const number = typeof raw === 'string' ? Number(raw.trim().replace(',', '.')) : Number.NaN;
      return Number.isFinite(number) ? number : raw;
    }
    case 'checkbox':
      return raw === 'true' ? true : emptyOf(field, false);
    case 'yesno':
      return raw === 'true' ? true : raw === 'false' ? false : raw !== undefined && raw !== '' ? raw : emptyOf(field, '');
    case 'fixed':
      return field.value;
    case 'lines':
    case 'choices': {
      const items = listOf(raw)
        .flatMap((v) => (field.kind === 'lines' ? v.split(/\r?\n/) : [v]))
        .map((v) => v.trim())
        .filter(Boolean);
      return items.length > 0 ? items : emptyOf(field, items);
    }
    case 'group':
      return (field.optional || field.nullable) && !touched(field.name, values) ? emptyOf(field, null) : objectOf(field.fields, values);
    case 'union': {
      if ((field.optional || field.nullable) && !touched(field.name, values)) return emptyOf(field, null);
      const variant = variantOf(field, values);
      const discriminator = values[`${field.name}.${field.key}`] ?? '';
      return variant ? { [field.key]: variant.literal, ...objectOf(variant.fields, values) } : { [field.key]: discriminator };
    }
    case 'rows': {
      const rows = Array.from({ length: rowCount(field.name, values) }, (_, i) => fieldValue(rowOf(field, i), values));
      return rows.length > 0 ? rows : emptyOf(field, rows);
    }
  }
}

/** The object the schema is asked about (after compactRows, when the form has lists). */
export function objectOf(fields: Field[], values: FormValues): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    const value = fieldValue(field, values);
    if (value !== ABSENT) out[field.name.split('.').pop()!] = value;
  }
  return out;
}

/** Problems (`body.permit.validUntil`, `body.missing.0`) placed at the deepest field they name; the rest are general. */
export function errorsAt(fields: Field[], problems: FieldProblem[], where = 'body'): FormErrors {
  const names = new Set(declaredNames(fields));
  const errors = noErrors();
  for (const problem of problems) {
    const path = problem.field.startsWith(`${where}.`) ? problem.field.slice(where.length + 1).split('.') : [];
    const name = path.map((_, i) => path.slice(0, path.length - i).join('.')).find((candidate) => names.has(templateOf(candidate)));
    if (name) errors.byField.set(name, [...(errors.byField.get(name) ?? []), problem.rule]);
    else errors.general.push(path.length ? `${path.join('.')}: ${problem.rule}` : problem.rule);
  }
  return errors;
}

export const fieldId = (name: string) => `f-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;

/** A field's label with the groups and rows it is in: "Permits 2 › From". */
export function pathLabel(t: Translator, name: string): string {
  const parts = name.split('.');
  const labels: string[] = [];
  parts.forEach((part, i) => {
    if (/^\d+$/.test(part)) labels[labels.length - 1] += ` ${Number(part) + 1}`;
    else labels.push(t.label(parts.slice(0, i + 1).join('.')));
  });
  return labels.join(' › ');
}

/** The error summary at the top of a form: each problem links to its field. */
export function errorSummary(t: Translator, errors: FormErrors, labelOf: (name: string) => string = t.label): Html | '' {
  const count = errors.general.length + [...errors.byField.values()].reduce((n, rules) => n + rules.length, 0);
  if (count === 0) return '';
  return html`<div class="error-summary" role="alert" aria-labelledby="error-summary-title">
<h2 id="error-summary-title">${t('form.errors', { n: count })}</h2>
<ul>
${errors.general.map((rule) => html`<li>${rule}</li>`)}
${[...errors.byField].map(([name, rules]) => rules.map((rule) => html`<li><a href="#${fieldId(name)}">${labelOf(name)}: ${rule}</a></li>`))}
</ul>
</div>`;
}

interface Described {
  id: string;
  describedBy: Html;
  invalid: Html;
  hint: HtmlValue;
  error: HtmlValue;
}

/** The ids and texts that tie a control to its hint and its errors (aria-describedby, aria-invalid). */
function described(name: string, errors: FormErrors, hint: string | null): Described {
  const id = fieldId(name);
  const rules = errors.byField.get(name) ?? [];
  const ids = [hint ? `${id}-hint` : '', rules.length ? `${id}-error` : ''].filter(Boolean);
  return {
    id,
    describedBy: ids.length ? html` aria-describedby="${ids.join(' ')}"` : html``,
    invalid: rules.length ? html` aria-invalid="true"` : html``,
    hint: hint && html`<p class="hint" id="${id}-hint">${hint}</p>`,
    error: rules.length > 0 && html`<p class="error" id="${id}-error">${rules.join('; ')}</p>`,
  };
}

/** A button that posts the form to be shown again, back at `field` (no scripts: the page is the server's). */
function again(options: RenderOptions, button: string, field: string, text: string): Html {
  const action = options.action && html` formaction="${options.action}#${fieldId(field)}"`;
  return html`<button type="submit" class="secondary" name="${button}" value="${field}"${action}>${text}</button>`;
}

const hasErrorUnder = (name: string, errors: FormErrors) => [...errors.byField.keys()].some((key) => key === name || key.startsWith(`${name}.`));

/** A group or union that may be left out: closed until something in it is filled in; its box includes it when nothing else does. */
function mayBeLeftOut(field: Field, values: FormValues, errors: FormErrors, t: Translator, content: Html, box: boolean): Html {
  if (!field.optional && !field.nullable) return content;
  const open = touched(field.name, values) || hasErrorUnder(field.name, errors);
  const id = `${fieldId(field.name)}-include`;
  return html`<details${attr('open', open)}><summary>${t('form.fillIn')}</summary>
${
  box &&
  html`<div class="field check">
<input id="${id}" name="${field.name}" type="checkbox" value="true"${attr('checked', listOf(values[field.name]).includes('true'))}>
<label for="${id}">${t('form.include')}</label>
</div>`
}
${content}
</details>`;
}

/** Whether leaving everything empty could mean something (an unticked box is "no"): then an include box says the group is given. */
const needsIncludeBox = (fields: Field[]): boolean =>
  fields.some((f) => f.kind === 'checkbox' || (f.kind === 'group' && !f.optional && !f.nullable && needsIncludeBox(f.fields)));

/** One control with its label, hint and errors. `label` overrides the translated field label. */
export function renderField(
  field: Field,
  values: FormValues,
  errors: FormErrors,
  t: Translator,
  label = t.label(field.name),
  options: RenderOptions = {},
): Html {
  const optional = (field.optional || field.nullable) && html` <span class="optional">${t('optional')}</span>`;
  const raw = values[field.name];
  const text = typeof raw === 'string' ? raw : listOf(raw).join('\n');
  const children = (fields: Field[]) => fields.map((child) => renderField(child, values, errors, t, t.label(child.name), options));
  switch (field.kind) {
    case 'text':
    case 'date':
    case 'number': {
      const d = described(
        field.name,
        errors,
        field.kind === 'text' && field.alternatives ? t('form.alternatives', { values: field.alternatives.join(', ') }) : null,
      );
      const long = field.kind === 'text' && field.long;
      const type = field.kind === 'number' ? 'text' : field.kind;
      const mode = field.kind === 'number' && html` inputmode="decimal"`;
      return html`<div class="field">
<label for="${d.id}">${label}${optional}</label>${d.hint}${d.error}
${
  long
    ? html`<textarea id="${d.id}" name="${field.name}" rows="4"${d.describedBy}${d.invalid}>${text}</textarea>`
    : html`<input id="${d.id}" name="${field.name}" type="${type}"${mode} value="${text}"${d.describedBy}${d.invalid}>`
}
</div>`;
    }
    case 'lines': {
      const d = described(field.name, errors, t('form.linesHint'));
      return html`<div class="field">
<label for="${d.id}">${label}${optional}</label>${d.hint}${d.error}
<textarea id="${d.id}" name="${field.name}" rows="4"${d.describedBy}${d.invalid}>${text}</textarea>
</div>`;
    }
    case 'select':
    case 'yesno': {
      const d = described(field.name, errors, null);
      const choices = 'options' in field ? field.options : ['true', 'false'];
      return html`<div class="field">
<label for="${d.id}">${label}${optional}</label>${d.error}
<select id="${d.id}" name="${field.name}"${d.describedBy}${d.invalid}>
<option value="">—</option>
${choices.map((option) => html`<option value="${option}"${attr('selected', option === text)}>${t.value(option)}</option>`)}
</select>
</div>`;
    }
    case 'checkbox': {
      const d = described(field.name, errors, null);
      return html`<div class="field check">
<input id="${d.id}" name="${field.name}" type="checkbox" value="true"${attr('checked', raw === 'true')}${d.describedBy}${d.invalid}>
<label for="${d.id}">${label}${optional}</label>${d.error}
</div>`;
    }
    case 'fixed':
      return html`<p class="field fixed" id="${fieldId(field.name)}">${label}: <strong>${t.value(String(field.value))}</strong></p>`;
    case 'choices': {
      const d = described(field.name, errors, t('form.choiceHint'));
      const chosen = new Set(listOf(raw));
      return html`<fieldset class="field" id="${d.id}"${d.describedBy}>
<legend>${label}${optional}</legend>${d.hint}${d.error}
${field.options.map(
  (option) => html`<div class="check">
<input id="${d.id}-${option}" name="${field.name}" type="checkbox" value="${option}"${attr('checked', chosen.has(option))}${d.invalid}>
<label for="${d.id}-${option}">${t.value(option)}</label>
</div>`,
)}
</fieldset>`;
    }
    case 'group': {
      const d = described(field.name, errors, null);
      return html`<fieldset class="group" id="${d.id}"${d.describedBy}>
<legend>${label}${optional}</legend>${d.error}
${mayBeLeftOut(field, values, errors, t, html`${children(field.fields)}`, needsIncludeBox(field.fields))}
</fieldset>`;
    }
    case 'union': {
      const d = described(field.name, errors, null);
      const key: Field = { kind: 'select', name: `${field.name}.${field.key}`, optional: false, options: field.variants.map((v) => v.value) };
      const variant = variantOf(field, values);
      const content = html`${renderField(key, values, errors, t, t.label(key.name), options)}
${again(options, UPDATE, field.name, t('form.update', { what: label }))}
${variant && children(variant.fields)}`;
      return html`<fieldset class="group union" id="${d.id}"${d.describedBy}>
<legend>${label}${optional}</legend>${d.error}
${mayBeLeftOut(field, values, errors, t, content, false)}
</fieldset>`;
    }
    case 'rows': {
      const d = described(field.name, errors, null);
      const posted = rowCount(field.name, values);
      let lastFilled = -1;
      for (let i = 0; i < posted; i++) if (touched(`${field.name}.${i}`, values)) lastFilled = i;
      // One empty row after the last filled one; "add a row" shows one more than were shown.
      const shown = Math.min(field.max, options.add === field.name ? Math.max(posted, lastFilled + 1) + 1 : Math.max(posted, lastFilled + 2));
      const rows = Array.from({ length: shown }, (_, i) => rowOf(field, i));
      return html`<fieldset class="group rows" id="${d.id}"${d.describedBy}>
<legend>${label}${optional}</legend>${d.error}
<p class="hint">${t('form.rowsHint')}</p>
${rows.map((row, i) => renderField(row, values, errors, t, t('form.row', { what: label, n: i + 1 }), options))}
${shown < field.max && again(options, ADD_ROW, field.name, t('form.addRow', { what: label }))}
</fieldset>`;
    }
  }
}

export const renderFields = (fields: Field[], values: FormValues, errors: FormErrors, t: Translator, options: RenderOptions = {}): Html =>
  html`${fields.map((field) => renderField(field, values, errors, t, t.label(field.name), options))}`;

/** The posted values again, as hidden fields: a confirmation step sends exactly what was checked. */
export const hiddenFields = (values: FormValues): Html =>
  html`${Object.entries(values).flatMap(([name, raw]) => listOf(raw).map((value) => html`<input type="hidden" name="${name}" value="${value}">`))}`;
