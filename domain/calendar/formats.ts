/**
 * Intl date formatters, built once per locale and options and kept: building an Intl.DateTimeFormat
 * costs far more than using one (a letter built four per notice). A worker's cases share the cache
 * (the answer is the same for every case). No imports, so the command line can load it alone.
 */
const formats = new Map<string, Intl.DateTimeFormat>();

export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale} ${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    formats.set(key, format);
  }
  return format;
}
