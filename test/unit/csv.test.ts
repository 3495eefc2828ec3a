import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '../../electron/core/csv';

describe('CSV for people who open it in a spreadsheet', () => {
  it.each([
    ['=HYPERLINK("http://x","klik")', `"'=HYPERLINK(""http://x"",""klik"")"`],
    ['+31612345678', "'+31612345678"],
    ['-1', "'-1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tTAB', "'\tTAB"],
  ])('neutralises a cell that a spreadsheet would run: %s', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it('quotes separators, quotes and line breaks, and leaves plain text alone', () => {
    expect(csvCell("Sem van 't Hof")).toBe("Sem van 't Hof");
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('a;b')).toBe('"a;b"');
    expect(csvCell('zei "ja"')).toBe('"zei ""ja"""');
    expect(csvCell('twee\nregels')).toBe('"twee\nregels"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(12)).toBe('12');
  });

  it('writes a BOM and CRLF line ends so spreadsheet programs read accents right', () => {
    expect(toCsv(['naam'], [['Zoë']])).toBe('\uFEFFnaam\r\nZoë\r\n');
  });
});
