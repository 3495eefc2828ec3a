// Dutch and English text of the faces domain. Every key in facesNl must be in facesEn.
export const facesNl = {
  'error.faces.photoNotFound': 'Foto {photo} staat niet in de bibliotheek.',
  'error.faces.fileMissing': 'Geen bestand van foto {photo} is nog te vinden.',
  'error.faces.decodeFailed': 'Foto {path} kon niet worden gelezen: {detail}.',
  'error.faces.regionNotFound': 'Gebied {region} bestaat niet.',
  'error.faces.cannotDismissFileRegion':
    'Gebied {region} komt uit het bestand zelf (een persoonstag); dat wordt niet als gezicht weggeklikt.',
  'error.faces.boxTooSmall': 'Het getekende vak is te klein.',
  'error.faces.inferenceFailed': 'Het gezichtsmodel gaf een fout: {detail}.',
  'error.faces.model.missing': 'Modelbestand {path} bestaat niet.',
  'error.faces.model.hashMismatch':
    'Modelbestand {path} is niet het YuNet-model dat Fotowacht kent (sha256 klopt niet).',
  'faces.model.blazeface': 'BlazeFace (meegeleverd)',
  'faces.model.yunet': 'YuNet (geïnstalleerd)',
  'cli.faces.description':
    'gezichten in een foto tonen (en zo nodig eerst zoeken); "faces detect" zoekt in alle foto\'s',
  'cli.faces.argument.photo': 'pad van een geïndexeerde foto, of de hash ervan',
  'cli.faces.detect.description': "gezichten zoeken in alle foto's en video's zonder resultaat van het huidige model",
  'cli.faces.detect.all': "ook foto's en video's die al gedaan zijn opnieuw doorzoeken",
  'cli.faces.detect.done': "Klaar: {photos} foto's doorzocht, {faces} gezichten opgeslagen (model {model}).",
  'cli.faces.model': 'Model: {model}',
  'cli.faces.none': 'Geen gebieden op deze foto.',
  'cli.faces.header': '{count} gebieden op foto {photo}:',
  'cli.faces.source.file': 'bestand',
  'cli.faces.source.detector': 'detector',
  'cli.faces.source.user': 'getekend',
  'cli.faces.dismissed': 'weggeklikt door {by}',
  'cli.faces.detectedNow':
    'Zojuist gezocht: {stored} gezichten opgeslagen, {covered} vielen samen met een bestaand gebied.',
} as const;

export const facesEn = {
  'error.faces.photoNotFound': 'Photo {photo} is not in the library.',
  'error.faces.fileMissing': 'No file of photo {photo} can be found any more.',
  'error.faces.decodeFailed': 'Photo {path} could not be read: {detail}.',
  'error.faces.regionNotFound': 'Region {region} does not exist.',
  'error.faces.cannotDismissFileRegion':
    'Region {region} comes from the file itself (a people tag); it is not dismissed as a face.',
  'error.faces.boxTooSmall': 'The drawn box is too small.',
  'error.faces.inferenceFailed': 'The face model failed: {detail}.',
  'error.faces.model.missing': 'Model file {path} does not exist.',
  'error.faces.model.hashMismatch': 'Model file {path} is not the YuNet model Fotowacht knows (sha256 does not match).',
  'faces.model.blazeface': 'BlazeFace (bundled)',
  'faces.model.yunet': 'YuNet (installed)',
  'cli.faces.description':
    'show the faces in a photo (detecting them first if needed); "faces detect" searches every photo',
  'cli.faces.argument.photo': 'path of an indexed photo, or its hash',
  'cli.faces.detect.description': 'detect faces in every photo and clip without a result of the current model',
  'cli.faces.detect.all': 'search photos and clips already done again too',
  'cli.faces.detect.done': 'Done: {photos} photos searched, {faces} faces stored (model {model}).',
  'cli.faces.model': 'Model: {model}',
  'cli.faces.none': 'No regions on this photo.',
  'cli.faces.header': '{count} regions on photo {photo}:',
  'cli.faces.source.file': 'file',
  'cli.faces.source.detector': 'detector',
  'cli.faces.source.user': 'drawn',
  'cli.faces.dismissed': 'dismissed by {by}',
  'cli.faces.detectedNow': 'Detected just now: {stored} faces stored, {covered} coincided with an existing region.',
} as const satisfies Record<keyof typeof facesNl, string>;
