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
  'ui.video.help':
    'Benoem de personen in de video’s met “Personen benoemen”; de video’s gaan mee als je het evenement publiceert (zonder geluid, tenzij je dat kiest). Bekijk elke geëxporteerde video voordat je hem plaatst.',
  'ui.video.counts': 'Video’s:',
  'ui.video.onlyClips': 'Dit evenement heeft geen foto’s, alleen video’s (hieronder).',
  'ui.video.publishEvent': 'Video’s publiceren ({count})',
} as const;

export const uiVideoEn = {
  'ui.video.title': 'Videos ({count})',
  'ui.video.list': 'Videos of {event}',
  'ui.video.badge': 'Video',
  'ui.video.duration': '{minutes}:{seconds}',
  'ui.video.gps': 'location',
  'ui.video.audio': 'sound',
  'ui.video.people': 'Named: {names}',
  'ui.video.help':
    'Name the people in the clips with “Name the people”; the clips go along when you publish the event (without sound unless you choose it). Watch every exported clip before you post it.',
  'ui.video.counts': 'Clips:',
  'ui.video.onlyClips': 'This event has no photos, only clips (below).',
  'ui.video.publishEvent': 'Publish the clips ({count})',
} as const satisfies Record<keyof typeof uiVideoNl, string>;
