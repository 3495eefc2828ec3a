// Dutch and English text of the files domain: a path checked for its purpose (read, export, save).
// Every key in filesNl must be in filesEn.
export const filesNl = {
  'error.files.path.invalid': 'Het pad {path} is ongeldig.',
  'error.files.path.notAbsolute': 'Geef het volledige pad, vanaf de schijf of je thuismap (~): {path}.',
  'error.files.notFound': '{path} bestaat niet.',
  'error.files.noAccess': 'Geen toegang tot {path} ({reason}).',
  'error.files.folder.system': '{path} is een map van het systeem; kies een eigen map.',
  'error.files.folder.hidden': '{path} ligt in een verborgen map; kies een gewone map.',
  'error.files.folder.notAFolder': '{path} is geen map.',
  'error.files.read.badType': '{path} is geen bestand van een bruikbaar type ({types}).',
  'error.files.read.linkElsewhere':
    '{path} is een snelkoppeling naar een bestand van een ander type; kies het bestand zelf ({types}).',
  'error.files.read.notRegular': '{path} is geen gewoon bestand (maar bijvoorbeeld een apparaat of pijp).',
  'error.files.read.tooLarge': '{path} is te groot ({size} bytes; hoogstens {max}).',
  'error.files.export.notEmpty':
    'De map {path} is niet leeg ({files} items, bijvoorbeeld {examples}); verborgen bestanden tellen mee. Kies een lege of nieuwe map.',
  'error.files.save.badType': '{path} heeft niet de juiste extensie ({types}); kies een andere naam.',
  'error.files.save.notAFile': '{path} bestaat al en is geen gewoon bestand; kies een andere naam.',
  'error.files.save.exists':
    '{path} bestaat al. Kies een andere naam, of kies het bestand met Bladeren… om het te vervangen.',
  'error.files.save.unwritable': '{path} kan niet worden geschreven ({reason}).',
  'error.files.handle.unknown': 'Dit bestand is niet (meer) gekozen; kies het opnieuw.',
  'error.files.handle.wrongPurpose': 'Dit bestand is gekozen voor iets anders ({purpose}); kies het opnieuw.',
  'cli.file.force': 'vervang een bestaand bestand',
  'ui.chooseFile.faceModel': 'Kies het YuNet-model (.onnx)',
  'ui.chooseFile.faceModelFilter': 'ONNX-model',
  'ui.file.replaceTitle': 'Bestand vervangen?',
  'ui.file.replaceQuestion': '{path} bestaat al. Wil je het vervangen?',
  'ui.file.replace': 'Vervangen',
  'ui.file.keep': 'Annuleren',
} as const;

export const filesEn = {
  'error.files.path.invalid': 'The path {path} is not valid.',
  'error.files.path.notAbsolute': 'Give the full path, from the drive or your home folder (~): {path}.',
  'error.files.notFound': '{path} does not exist.',
  'error.files.noAccess': 'No access to {path} ({reason}).',
  'error.files.folder.system': '{path} is a system folder; choose a folder of your own.',
  'error.files.folder.hidden': '{path} is inside a hidden folder; choose an ordinary folder.',
  'error.files.folder.notAFolder': '{path} is not a folder.',
  'error.files.read.badType': '{path} is not a file of a usable type ({types}).',
  'error.files.read.linkElsewhere': '{path} is a link to a file of another type; choose the file itself ({types}).',
  'error.files.read.notRegular': '{path} is not an ordinary file (but, for example, a device or a pipe).',
  'error.files.read.tooLarge': '{path} is too large ({size} bytes; at most {max}).',
  'error.files.export.notEmpty':
    'The folder {path} is not empty ({files} items, for example {examples}); hidden files count. Choose an empty or new folder.',
  'error.files.save.badType': '{path} does not have the right extension ({types}); choose another name.',
  'error.files.save.notAFile': '{path} already exists and is not an ordinary file; choose another name.',
  'error.files.save.exists':
    '{path} already exists. Choose another name, or choose the file with Browse… to replace it.',
  'error.files.save.unwritable': '{path} cannot be written ({reason}).',
  'error.files.handle.unknown': 'This file is not chosen (any more); choose it again.',
  'error.files.handle.wrongPurpose': 'This file was chosen for something else ({purpose}); choose it again.',
  'cli.file.force': 'replace an existing file',
  'ui.chooseFile.faceModel': 'Choose the YuNet model (.onnx)',
  'ui.chooseFile.faceModelFilter': 'ONNX model',
  'ui.file.replaceTitle': 'Replace file?',
  'ui.file.replaceQuestion': '{path} already exists. Do you want to replace it?',
  'ui.file.replace': 'Replace',
  'ui.file.keep': 'Cancel',
} as const satisfies Record<keyof typeof filesNl, string>;
