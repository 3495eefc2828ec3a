// Dutch and English text of picking photos in the library grid, choosing the picks on the publish screen, and
// writing names back to XMP sidecars. Every key in uiPicksNl must be in uiPicksEn.
export const uiPicksNl = {
  'ui.picks.toggle': 'Kiezen om te publiceren',
  'ui.picks.picked': 'gekozen',
  'ui.picks.count': '{count} gekozen',
  'ui.picks.filter': 'Alleen gekozen foto’s',
  'ui.picks.help': 'P of spatie: foto kiezen of niet meer kiezen.',
  'ui.picks.none': 'Nog geen foto’s gekozen. Kies foto’s met P of spatie, of met de ster op een foto.',
  'ui.picks.publish': 'Gekozen foto’s publiceren ({count})',
  'ui.picks.event': '{count} gekozen',
  'ui.picks.scope': 'Welke foto’s',
  'ui.picks.scope.picks': 'De gekozen foto’s van dit evenement ({count})',
  'ui.picks.scope.selection': 'De selectie uit de bibliotheek ({count})',
  'ui.picks.scope.event': 'Het hele evenement ({count})',
  'ui.sidecars.title': 'Namen terugschrijven (XMP)',
  'ui.sidecars.enable': 'Namen van dit evenement terugschrijven naar XMP-bestanden naast de foto’s',
  'ui.sidecars.help':
    'Voor digiKam, Lightroom en andere programma’s van de school: de gekoppelde namen met hun kaders, in een XMP-bestand naast elke foto. De foto’s zelf blijven ongewijzigd; een bestaand XMP-bestand wordt aangevuld, niet overschreven.',
  'ui.sidecars.write': 'XMP-bestanden nu schrijven',
  'ui.sidecars.started': 'De XMP-bestanden worden geschreven; de voortgang staat onderaan het venster.',
} as const;

export const uiPicksEn = {
  'ui.picks.toggle': 'Pick for publication',
  'ui.picks.picked': 'picked',
  'ui.picks.count': '{count} picked',
  'ui.picks.filter': 'Only picked photos',
  'ui.picks.help': 'P or Space: pick or unpick the photo.',
  'ui.picks.none': 'No photos picked yet. Pick photos with P or Space, or with the star on a photo.',
  'ui.picks.publish': 'Publish the picked photos ({count})',
  'ui.picks.event': '{count} picked',
  'ui.picks.scope': 'Which photos',
  'ui.picks.scope.picks': 'The picked photos of this event ({count})',
  'ui.picks.scope.selection': 'The selection from the library ({count})',
  'ui.picks.scope.event': 'The whole event ({count})',
  'ui.sidecars.title': 'Write names back (XMP)',
  'ui.sidecars.enable': 'Write the names of this event back to XMP sidecars beside the photos',
  'ui.sidecars.help':
    'For digiKam, Lightroom and the school’s other tools: the linked names with their boxes, in an XMP file beside each photo. The photos themselves are never changed; an existing XMP file is added to, not overwritten.',
  'ui.sidecars.write': 'Write the XMP sidecars now',
  'ui.sidecars.started': 'The XMP sidecars are being written; the progress is at the bottom of the window.',
} as const satisfies Record<keyof typeof uiPicksNl, string>;
