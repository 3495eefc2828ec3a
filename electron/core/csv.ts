// CSV for reports and manifests that people open in a spreadsheet: quoted where needed, and cells that a
// spreadsheet would run as a formula (starting with =, +, -, @, tab or carriage return) neutralised with a quote.

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | null | undefined): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",;\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Comma-separated, CRLF line ends, UTF-8 with BOM so spreadsheet programs read accents right. */
export function toCsv(
  header: readonly string[],
  rows: ReadonlyArray<ReadonlyArray<string | number | null | undefined>>,
  /** Rows after the data that need not fill every column (the audit head of manifests and reports). */
  trailer: ReadonlyArray<ReadonlyArray<string | number | null | undefined>> = [],
): string {
  const lines = [header, ...rows, ...trailer].map((row) => row.map(csvCell).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
