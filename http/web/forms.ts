/**
 * Forms generated from zod schemas: each action's fields in CaseActionSchema become controls
 * (string → text, enum → select, boolean → checkbox, a date → date input, a list of strings → a
 * textarea with one per line, a list of enum values → checkboxes, an object → fieldset), and a
 * posted form becomes the object the schema parses. The schema stays the only judge of the input:
 * this module only reads the fields it declares and shows the schema's rules at their fields.
 */
import { z } from 'zod';
import { LocalDateSchema } from '../../domain/application/common';
import { CaseActionSchema, type CaseActionType } from '../../domain/case-actions';
import type { FieldProblem } from '../problems';
import { attr, type Html, html, type HtmlValue } from './html';
import type { Translator } from './i18n';

interface FieldBase {
  /** The dotted path of the value in the parsed object, and the control's name. */
  name: string;
  optional: boolean;
}

export type Field =
  | (FieldBase & { kind: 'text'; long: boolean })
  | (FieldBase & { kind: 'date' | 'checkbox' | 'lines' })
  | (FieldBase & { kind: 'select' | 'choices'; options: string[] })
  | (FieldBase & { kind: 'group'; fields: Field[] });

/** What a form posted, only for the names it declares: text, or a list for repeated names. */
export type FormValues = Record<string, string | string[]>;

/** Errors per field name; `general` for rules about no one field. */
export interface FormErrors {
  byField: Map<string, string[]>;
  general: string[];
}

export const noErrors = (): FormErrors => ({ byField: new Map(), general: [] });

// Free text that is written as sentences gets room to write them.
const LONG_TEXT = new Set(['reason', 'summary', 'assessment']);

function unwrap(schema: z.ZodType): { inner: z.ZodType; optional: boolean } {
  let inner = schema;
  let optional = false;
  while (inner instanceof z.ZodOptional || inner instanceof z.ZodDefault) {
    optional = true;
    inner = inner.unwrap() as z.ZodType;
  }
  return { inner, optional };
}

const isDate = (schema: z.ZodType) => schema === LocalDateSchema || (schema instanceof z.ZodString && schema.format === 'date');

/** The controls of an object schema; a kind of schema no control fits fails here, at start-up, not in front of a caseworker. */
export function fieldsOf(schema: z.ZodObject, prefix = '', skip: readonly string[] = []): Field[] {
  return Object.entries(schema.shape)
    .filter(([key]) => !skip.includes(key))
    .map(([key, value]): Field => {
      const name = prefix ? `${prefix}.${key}` : key;
      const { inner, optional } = unwrap(value as z.ZodType);
      if (isDate(inner)) return { kind: 'date', name, optional };
      if (inner instanceof z.ZodString) return { kind: 'text', name, optional, long: LONG_TEXT.has(key) };
      if (inner instanceof z.ZodEnum) return { kind: 'select', name, optional, options: inner.options.map(String) };
      if (inner instanceof z.ZodBoolean) return { kind: 'checkbox', name, optional };
      if (inner instanceof z.ZodObject) return { kind: 'group', name, optional, fields: fieldsOf(inner, name) };
      if (inner instanceof z.ZodArray) {
        const element = unwrap(inner.element as z.ZodType).inner;
        if (element instanceof z.ZodEnum) return { kind: 'choices', name, optional, options: element.options.map(String) };
        if (element instanceof z.ZodString) return { kind: 'lines', name, optional };
      }
      throw new Error(`no form control for the field "${name}" (${inner.constructor.name})`);
    });
}

/** Each action's fields, without `type` (in the URL) and `actor` (the principal). */
export const ACTION_FIELDS: ReadonlyMap<CaseActionType, Field[]> = new Map(
  (CaseActionSchema.options as unknown as z.ZodObject[]).map((option) => [
    (option.shape.type as z.ZodLiteral<CaseActionType>).value,
    fieldsOf(option, '', ['type', 'actor']),
  ]),
);

const allNames = (fields: Field[]): string[] => fields.flatMap((f) => (f.kind === 'group' ? [f.name, ...allNames(f.fields)] : [f.name]));

/** The posted values of the declared fields; anything else in the body, and any value that is not text, is left out. */
export function formValues(fields: Field[], body: unknown, extra: readonly string[] = []): FormValues {
  const posted = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  const values: FormValues = {};
  for (const name of [...allNames(fields), ...extra]) {
    const raw = posted[name];
    if (typeof raw === 'string') values[name] = raw;
    else if (Array.isArray(raw)) values[name] = raw.filter((v): v is string => typeof v === 'string');
  }
  return values;
}

const listOf = (raw: string | string[] | undefined) => (raw === undefined ? [] : Array.isArray(raw) ? raw : [raw]);

/** The object the schema is asked about. An empty required field is kept as empty, so the schema's own rule names it. */
export function objectOf(fields: Field[], values: FormValues): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    const key = field.name.split('.').pop()!;
    const raw = values[field.name];
    switch (field.kind) {
      case 'text':
      case 'date':
      case 'select':
        // A repeated name arrives as a list: passed on, the schema says it is not text.
        if (raw !== undefined && raw !== '') out[key] = raw;
        else if (!field.optional) out[key] = '';
        break;
      case 'checkbox':
        if (raw === 'true' || !field.optional) out[key] = raw === 'true';
        break;
      case 'lines':
      case 'choices': {
        const items = listOf(raw)
          .flatMap((v) => (field.kind === 'lines' ? v.split(/\r?\n/) : [v]))
          .map((v) => v.trim())
          .filter(Boolean);
        if (items.length > 0 || !field.optional) out[key] = items;
        break;
      }
      case 'group': {
        const touched = allNames(field.fields).some((name) => listOf(values[name]).some((v) => v.trim() !== ''));
        if (touched || !field.optional) out[key] = objectOf(field.fields, values);
        break;
      }
    }
  }
  return out;
}

/** Problems (`body.permit.validUntil`, `body.missing.0`) placed at the deepest field they name; the rest are general. */
export function errorsAt(fields: Field[], problems: FieldProblem[], where = 'body'): FormErrors {
  const names = new Set(allNames(fields));
  const errors = noErrors();
  for (const problem of problems) {
    const path = problem.field.startsWith(`${where}.`) ? problem.field.slice(where.length + 1).split('.') : [];
    const name = path.map((_, i) => path.slice(0, path.length - i).join('.')).find((candidate) => names.has(candidate));
    if (name) errors.byField.set(name, [...(errors.byField.get(name) ?? []), problem.rule]);
    else errors.general.push(path.length ? `${path.join('.')}: ${problem.rule}` : problem.rule);
  }
  return errors;
}

export const fieldId = (name: string) => `f-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;

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

/** One control with its label, hint and errors. `label` overrides the translated field label. */
export function renderField(field: Field, values: FormValues, errors: FormErrors, t: Translator, label = t.label(field.name)): Html {
  const optional = field.optional && html` <span class="optional">${t('optional')}</span>`;
  const raw = values[field.name];
  const text = typeof raw === 'string' ? raw : listOf(raw).join('\n');
  switch (field.kind) {
    case 'text':
    case 'date': {
      const d = described(field.name, errors, null);
      const control = field.kind === 'text' && field.long;
      return html`<div class="field">
<label for="${d.id}">${label}${optional}</label>${d.error}
${
  control
    ? html`<textarea id="${d.id}" name="${field.name}" rows="4"${d.describedBy}${d.invalid}>${text}</textarea>`
    : html`<input id="${d.id}" name="${field.name}" type="${field.kind}" value="${text}"${d.describedBy}${d.invalid}>`
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
    case 'select': {
      const d = described(field.name, errors, null);
      return html`<div class="field">
<label for="${d.id}">${label}${optional}</label>${d.error}
<select id="${d.id}" name="${field.name}"${d.describedBy}${d.invalid}>
<option value="">—</option>
${field.options.map((option) => html`<option value="${option}"${attr('selected', option === text)}>${t.value(option)}</option>`)}
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
${field.fields.map((child) => renderField(child, values, errors, t))}
</fieldset>`;
    }
  }
}

export const renderFields = (fields: Field[], values: FormValues, errors: FormErrors, t: Translator): Html =>
  html`${fields.map((field) => renderField(field, values, errors, t))}`;

/** The posted values again, as hidden fields: a confirmation step sends exactly what was checked. */
export const hiddenFields = (values: FormValues): Html =>
  html`${Object.entries(values).flatMap(([name, raw]) => listOf(raw).map((value) => html`<input type="hidden" name="${name}" value="${value}">`))}`;
