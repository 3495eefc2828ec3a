// Dutch and English text of the video clips of an event in the library (issue 15). Every key in uiVideoNl must be
// in uiVideoEn.
export const uiVideoNl = {
  'ui.video.title': 'Video’s ({count})',
  'ui.video.list': 'Video’s van {event}',
  'ui.video.badge': 'Video',
  'ui.video.duration': '{minutes}:{seconds}',
  'ui.video.gps': 'locatie',
  'ui.video.audio': 'geluid',
  'ui.video.people': 'Genoemd: {names}',
  'ui.video.notYet':
    'Video’s worden al geïndexeerd (duur, datum, camera, locatie, namen, voorbeeldbeelden), maar nog niet beoordeeld of gepubliceerd: dat volgt.',
} as const;

export const uiVideoEn = {
  'ui.video.title': 'Videos ({count})',
  'ui.video.list': 'Videos of {event}',
  'ui.video.badge': 'Video',
  'ui.video.duration': '{minutes}:{seconds}',
  'ui.video.gps': 'location',
  'ui.video.audio': 'sound',
  'ui.video.people': 'Named: {names}',
  'ui.video.notYet':
    'Videos are indexed already (length, date, camera, location, names, preview frames), but not yet reviewed or published: that comes next.',
} as const satisfies Record<keyof typeof uiVideoNl, string>;
