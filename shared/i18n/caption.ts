// Dutch and English text of the caption check (the rule of each finding, the CLI command check-text) and of the
// credits an export may keep.
export const captionNl = {
  'caption.fullName': 'volledige naam van iemand uit het register',
  'caption.firstName': 'voornaam die op school maar bij één of twee personen voorkomt',
  'caption.classAndName': 'naam met klas of groep: wijst één kind aan',
  'caption.studentNumber': 'leerlingnummer',
  'caption.email': 'e-mailadres',
  'caption.phone': 'telefoonnummer',
  'cli.checkText.description':
    'controleer de tekst bij een bericht (bijschrift) op namen, leerlingnummers, klas plus naam, e-mailadressen en telefoonnummers; exitcode 1 als er iets gevonden is',
  'cli.checkText.file': 'tekstbestand (UTF-8), of - voor standaardinvoer',
  'cli.checkText.clean': 'Niets gevonden: de tekst noemt niemand van school.',
  'cli.checkText.finding': '“{text}” (teken {start}–{end}): {rule}',
  'cli.checkText.summary': 'Gevonden: {count}. Haal dit uit de tekst vóór u publiceert.',
  'cli.export.withoutCredit':
    'Zonder bekende fotograaf of copyright: {count} foto’s ({files}). Controleer of de school ze mag publiceren.',
  'report.setting.exportCredits': 'naamsvermelding per kanaal',
  'report.credits.kept': 'Behouden in de bestanden: {fields}.',
  'report.setting.flagMissingCredit': 'waarschuwing bij foto’s zonder fotograaf of copyright',
  'cli.export.caption': 'de tekst bij het bericht: wordt gecontroleerd en met de export vastgelegd',
  'cli.export.captionFindings': 'Bijschrift: {count} bevindingen (vastgelegd in het logboek).',
  'error.caption.tooLong': 'De tekst is te lang: {length} tekens (hooguit {max}).',
  'error.caption.unreadable': 'De tekst in {path} kon niet worden gelezen.',
  'report.caption.clean': 'Bijschrift gecontroleerd: niets gevonden.',
  'report.caption.findings': 'Bijschrift gecontroleerd: {count} bevindingen ({rules}).',
  'report.caption.hashOnly': 'Alleen de vingerafdruk van de tekst is bewaard: de tekst noemt een verborgen persoon.',
} as const;

export const captionEn = {
  'caption.fullName': 'full name of someone in the registry',
  'caption.firstName': 'first name only one or two people at school have',
  'caption.classAndName': 'name with class or group: points at one child',
  'caption.studentNumber': 'student number',
  'caption.email': 'e-mail address',
  'caption.phone': 'phone number',
  'cli.checkText.description':
    'check the text of a post (caption) for names, student numbers, class plus name, e-mail addresses and phone numbers; exit code 1 when anything is found',
  'cli.checkText.file': 'text file (UTF-8), or - for standard input',
  'cli.checkText.clean': 'Nothing found: the text names no one of the school.',
  'cli.checkText.finding': '“{text}” (characters {start}–{end}): {rule}',
  'cli.checkText.summary': 'Found: {count}. Take this out of the text before you publish.',
  'cli.export.withoutCredit':
    'Without a known photographer or copyright: {count} photos ({files}). Check that the school may publish them.',
  'report.setting.exportCredits': 'credits per channel',
  'report.credits.kept': 'Kept in the files: {fields}.',
  'report.setting.flagMissingCredit': 'warning for photos without photographer or copyright',
  'cli.export.caption': 'the text of the post: checked and recorded with the export',
  'cli.export.captionFindings': 'Caption: {count} findings (recorded in the audit trail).',
  'error.caption.tooLong': 'The text is too long: {length} characters (at most {max}).',
  'error.caption.unreadable': 'The text in {path} could not be read.',
  'report.caption.clean': 'Caption checked: nothing found.',
  'report.caption.findings': 'Caption checked: {count} findings ({rules}).',
  'report.caption.hashOnly': 'Only the fingerprint of the text was kept: the text names a hidden person.',
} as const;
