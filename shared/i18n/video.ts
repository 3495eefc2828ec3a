// Dutch and English text of video (issue 15). Every key in videoNl must be in videoEn.
export const videoNl = {
  'error.video.unreadable':
    '{file} is geen video die Fotowacht kan openen (beschadigd, afgebroken of geen MP4/MOV/M4V/AVI).',
  'error.video.noPicture': '{file} bevat geen beeldspoor.',
  'error.video.undecodable': 'Van {file} kon geen enkel beeld worden gelezen (beschadigd of afgebroken).',
  'error.video.timeout': 'Het lezen van {file} duurde te lang en is gestopt.',
  'error.video.tool.missing': '{tool} ontbreekt in deze installatie; video kan niet worden gelezen.',
  'error.video.tool.tooMuchOutput': '{tool} gaf onverwacht veel uitvoer en is gestopt.',
  'error.video.tool.failed': '{tool} kon niet worden gestart.',
  'error.video.export.decodeFailed': '{file} kon niet worden gelezen tijdens het exporteren ({detail}).',
  'error.video.export.encodeFailed': '{file} kon niet worden gecodeerd ({detail}).',
  'error.video.export.truncated': 'Het lezen van een video hield midden in een beeld op.',
  'cli.doctor.videoTool': '{version} (pakket {package} {packageVersion})',
  'cli.doctor.videoTool.broken': 'start niet (pakket {package} {packageVersion})',
  'cli.index.videos': 'Video’s: {count}',
} as const;

export const videoEn = {
  'error.video.unreadable': '{file} is not a video Fotowacht can open (damaged, cut short, or not MP4/MOV/M4V/AVI).',
  'error.video.noPicture': '{file} has no picture stream.',
  'error.video.undecodable': 'Not a single frame of {file} could be read (damaged or cut short).',
  'error.video.timeout': 'Reading {file} took too long and was stopped.',
  'error.video.tool.missing': '{tool} is missing from this installation; videos cannot be read.',
  'error.video.tool.tooMuchOutput': '{tool} gave unexpectedly much output and was stopped.',
  'error.video.tool.failed': '{tool} could not be started.',
  'error.video.export.decodeFailed': '{file} could not be read while exporting ({detail}).',
  'error.video.export.encodeFailed': '{file} could not be encoded ({detail}).',
  'error.video.export.truncated': 'Reading a video stopped in the middle of a frame.',
  'cli.doctor.videoTool': '{version} (package {package} {packageVersion})',
  'cli.doctor.videoTool.broken': 'does not run (package {package} {packageVersion})',
  'cli.index.videos': 'Videos: {count}',
} as const satisfies Record<keyof typeof videoNl, string>;
