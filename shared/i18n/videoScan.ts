// Dutch and English text of the face scan of clips (issue 15, "Faces in video"). Every key in videoScanNl must be in
// videoScanEn.
export const videoScanNl = {
  'error.video.scan.notFound': 'Video {clip} staat niet (meer) in de bibliotheek.',
  'error.video.scan.fileChanged':
    '{file} is veranderd sinds het indexeren; indexeer de map opnieuw voordat de gezichten worden gezocht.',
  'error.video.scan.reviewed':
    'In {file} zijn al {tracks} gezichtssporen benoemd of gemarkeerd; opnieuw zoeken zou dat werk wissen. Gebruik --force om het toch te doen (dat wordt gelogd).',
  'error.video.scan.stopped': 'Het lezen van de beelden van {file} is gestopt.',
  'ui.audit.action.video.faces.scan': 'Gezichten gezocht in video',
  'ui.jobs.kind.video-faces': 'Gezichten zoeken in video’s (beelden)',
  'cli.video.scan.progress': '{clip}: beeld {frame} van {frames} ({seconds} van {duration} s)',
  'cli.video.scan.done':
    'Video’s: {scanned} doorzocht ({tracks} gezichtssporen), {kept} behouden omdat hun sporen al benoemd zijn, {failed} mislukt.',
  'cli.video.scan.clip': '  {clip}: {tracks} sporen in {frames} beelden ({sampled} doorzocht)',
  'cli.video.scan.kept':
    '  {clip}: niet opnieuw doorzocht, de sporen zijn al benoemd of gemarkeerd (--force om toch te zoeken)',
  'cli.video.scan.failed': '  {clip}: {error}',
  'cli.faces.detect.force':
    'ook video’s opnieuw doorzoeken waarvan de sporen al benoemd of gemarkeerd zijn (dat werk vervalt; gelogd)',
} as const;

export const videoScanEn: Record<keyof typeof videoScanNl, string> = {
  'error.video.scan.notFound': 'Clip {clip} is not (or no longer) in the library.',
  'error.video.scan.fileChanged':
    '{file} has changed since it was indexed; index the folder again before searching it for faces.',
  'error.video.scan.reviewed':
    'In {file}, {tracks} face tracks were already named or marked; searching again would erase that work. Use --force to do it anyway (it is logged).',
  'error.video.scan.stopped': 'Reading the frames of {file} was stopped.',
  'ui.audit.action.video.faces.scan': 'Faces searched in a clip',
  'ui.jobs.kind.video-faces': 'Searching clips for faces (frames)',
  'cli.video.scan.progress': '{clip}: frame {frame} of {frames} ({seconds} of {duration} s)',
  'cli.video.scan.done':
    'Clips: {scanned} searched ({tracks} face tracks), {kept} kept because their tracks were already named, {failed} failed.',
  'cli.video.scan.clip': '  {clip}: {tracks} tracks in {frames} frames ({sampled} searched)',
  'cli.video.scan.kept':
    '  {clip}: not searched again, its tracks were already named or marked (--force to search anyway)',
  'cli.video.scan.failed': '  {clip}: {error}',
  'cli.faces.detect.force':
    'also search clips again whose tracks were already named or marked (that work is dropped; logged)',
};
