// The formula cells of an XLSX sheet, read from the sheet's XML: read-excel-file gives a formula's cached result
// (or nothing); a consent list must not rest on a calculation, so the formula text replaces it.
import { strFromU8, unzipSync } from 'fflate';

const XML_ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function xmlText(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);/gi, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
    return XML_ENTITIES[name.toLowerCase()] ?? whole;
  });
}

function xmlAttribute(attributes: string, name: string): string | null {
  const match = attributes.match(new RegExp(`(?:^|\\s)${name}="([^"]*)"`));
  return match ? xmlText(match[1]!) : null;
}

/**
 * The cells of the index-th sheet that hold a formula, by 0-based row and column, with the formula text.
 * read-excel-file gives a formula's cached result (or nothing); a consent list must not rest on a calculation.
 */
export interface FormulaCell {
  readonly row: number;
  readonly column: number;
  readonly formula: string;
}

export function formulaCells(bytes: Uint8Array, sheetIndex: number): FormulaCell[] {
  const found: FormulaCell[] = [];
  if (sheetIndex < 0) return found;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (file) =>
        file.name === 'xl/workbook.xml' ||
        file.name === 'xl/_rels/workbook.xml.rels' ||
        file.name.startsWith('xl/worksheets/sheet'),
    });
  } catch {
    return found;
  }
  const workbook = files['xl/workbook.xml'] ? strFromU8(files['xl/workbook.xml']) : '';
  const rels = files['xl/_rels/workbook.xml.rels'] ? strFromU8(files['xl/_rels/workbook.xml.rels']) : '';
  const sheet = [...workbook.matchAll(/<sheet\b([^>]*?)\/?>/g)][sheetIndex];
  const relId = sheet ? xmlAttribute(sheet[1]!, 'r:id') : null;
  const rel = [...rels.matchAll(/<Relationship\b([^>]*?)\/?>/g)].find((m) => xmlAttribute(m[1]!, 'Id') === relId);
  const target = rel ? xmlAttribute(rel[1]!, 'Target') : null;
  if (!target) return found;
  const sheetPath = target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`;
  const xml = files[sheetPath] ? strFromU8(files[sheetPath]) : '';
  for (const cell of xml.matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
    const inner = cell[2];
    if (!inner || !inner.includes('<f')) continue;
    const formula = inner.match(/<f\b[^>]*?(?:\/>|>([\s\S]*?)<\/f>)/);
    const ref = xmlAttribute(cell[1]!, 'r');
    const position = ref ? ref.match(/^([A-Z]+)(\d+)$/) : null;
    if (!formula || !position) continue;
    const column = [...position[1]!].reduce((n, letter) => n * 26 + letter.charCodeAt(0) - 64, 0) - 1;
    const text = xmlText(formula[1] ?? '').trim();
    found.push({ row: Number(position[2]) - 1, column, formula: `=${text.replace(/^=/, '') || '…'}` });
  }
  return found;
}
