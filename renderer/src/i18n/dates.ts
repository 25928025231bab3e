// One cache of date formatters for every screen: building an Intl.DateTimeFormat is slow (a list of thousands
// of rows would build one per row), and each screen wants a few fixed shapes in the viewer's language and zone.
const formats = new Map<string, Intl.DateTimeFormat>();

/** The formatter for this locale and these options, built once. */
export function dateFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}:${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    formats.set(key, format);
  }
  return format;
}
