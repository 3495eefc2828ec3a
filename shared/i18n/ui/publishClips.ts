// Dutch and English text of the clips on the publish screen (issue 15): the list with decisions, the sound choice,
// progress in frames and the clips in the result. Every key in uiPublishClipsNl must be in uiPublishClipsEn.
export const uiPublishClipsNl = {
  'ui.publishClips.title': 'Clips ({count})',
  'ui.publishClips.watch':
    'Bekijk elke geëxporteerde clip voordat u hem plaatst: in drukke of snelle beelden kan een randje van een gezicht een paar beeldjes zichtbaar blijven. Zie de handleiding.',
  'ui.publishClips.col.clip': 'Clip',
  'ui.publishClips.col.length': 'Duur',
  'ui.publishClips.col.hidden': 'Verborgen sporen',
  'ui.publishClips.col.reasons': 'Waarom',
  'ui.publishClips.overrideOf': 'Reden om de blokkade van clip {file} op te heffen',
  'ui.publishClips.audio': 'Geluid van de clips behouden',
  'ui.publishClips.audio.help':
    'Standaard wordt het geluid verwijderd: stemmen en genoemde namen zijn persoonsgegevens. Behoud het alleen als niemand te horen is die niet gepubliceerd mag worden; de keuze komt in het manifest en het logboek.',
  'ui.publishClips.frames': 'beeld {done} van {total} ({seconds} van {totalSeconds} s)',
  'ui.publishClips.result.audio.kept': 'geluid behouden',
  'ui.publishClips.result.audio.removed': 'geluid verwijderd',
} as const;

export const uiPublishClipsEn = {
  'ui.publishClips.title': 'Clips ({count})',
  'ui.publishClips.watch':
    'Watch every exported clip before you post it: in crowded or fast footage a sliver of a face can stay visible for a few frames. See the manual.',
  'ui.publishClips.col.clip': 'Clip',
  'ui.publishClips.col.length': 'Length',
  'ui.publishClips.col.hidden': 'Hidden tracks',
  'ui.publishClips.col.reasons': 'Why',
  'ui.publishClips.overrideOf': 'Reason to override the block of clip {file}',
  'ui.publishClips.audio': 'Keep the clips’ sound',
  'ui.publishClips.audio.help':
    'The sound is removed by default: voices and spoken names are personal data. Keep it only when nobody who may not be published can be heard; the choice goes into the manifest and the audit trail.',
  'ui.publishClips.frames': 'frame {done} of {total} ({seconds} of {totalSeconds} s)',
  'ui.publishClips.result.audio.kept': 'sound kept',
  'ui.publishClips.result.audio.removed': 'sound removed',
} as const satisfies Record<keyof typeof uiPublishClipsNl, string>;
