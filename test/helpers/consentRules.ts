// A small school for the consent-rule tests (protected pupils, turning 16, renewal): lists with a "Vertrouwelijk"
// column, who signed and when, written by the test and imported for two school years.
import { writeUtf8BomCsv } from './consentLists';

export const RULES_HEADER = [
  'Leerlingnummer',
  'Roepnaam',
  'Tussenvoegsel',
  'Achternaam',
  'Klas',
  'Geboortedatum',
  'Ondertekend door',
  'Datum ondertekening',
  'Vertrouwelijk',
  'Beeldmateriaal website',
  'Gebruik beeldmateriaal op social media',
];

/** 2026-2027: Zoë protected; Sem refused everything; Noah's form not returned (and an unclear mark); Fleur granted. */
export const LIST_2026 = [
  RULES_HEADER,
  ['1001', 'Zoë', '', 'Bakker', '6A', '02-03-2014', 'ouder', '01-09-2026', 'ja', 'ja', 'ja'],
  ['1002', 'Sem', "van 't", 'Hof', '6A', '20-09-2010', 'ouder', '01-09-2026', '', 'nee', 'nee'],
  ['1003', 'Noah', '', 'Jansen', '6B', '29-02-2012', '', '', 'misschien', '', ''],
  ['1004', 'Fleur', 'ter', 'Horst', '6B', '05-08-2011', 'ouder', '01-09-2026', 'nee', 'ja', 'ja'],
  ['1006', "=cmd|' /C calc'!A0", '', 'Visser', '6B', '10-01-2014', 'ouder', '01-09-2026', '', '', ''],
];

/** 2025-2026: Daan, who is on no list of 2026-2027. */
export const LIST_2025 = [
  RULES_HEADER,
  ['1005', 'Daan', 'de', 'Groot', '6B', '11-11-2013', 'ouder', '01-09-2025', '', 'ja', 'ja'],
];

export function writeRulesList(dir: string, rows: readonly (readonly string[])[], name: string): string {
  return writeUtf8BomCsv(dir, rows, ';', name);
}
