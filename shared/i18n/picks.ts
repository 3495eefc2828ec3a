// Dutch and English text of picks (photos marked for publication) and of writing names back to XMP sidecars:
// errors and the command line.
export const picksNl = {
  'error.library.event.notFound': 'Evenement {event} bestaat niet.',
  'error.library.pick.notInEvent':
    '{count} van de gekozen foto’s staan niet in evenement {event}; er is niets gekozen.',
  'error.library.pick.photoUnknown': 'Foto {photo} staat niet in evenement {event}.',
  'error.library.pick.none': 'Evenement {event} heeft nog geen gekozen foto’s. Kies ze in het overzicht (toets P).',
  'error.library.sidecars.notEnabled':
    'Namen terugschrijven staat uit voor evenement {event}. Zet het aan met: fotowacht sidecars enable {event}',
  'error.library.sidecar.link':
    '{file}: het XMP-bestand ernaast is een snelkoppeling; Fotowacht volgt die niet en heeft niets geschreven.',
  'error.library.sidecar.notRegular':
    '{file}: naast de foto staat iets met de naam van het XMP-bestand dat geen gewoon bestand is; overgeslagen.',
  'error.library.sidecar.unreadable': '{file}: het bestaande XMP-bestand is onleesbaar; het is niet aangeraakt.',
  'error.library.sidecar.writeFailed': '{file}: het XMP-bestand kon niet worden geschreven ({detail}).',
  'error.cli.export.picksNeedEvent': '--picks hoort bij een evenement: geef ook --event.',
  'cli.export.picks': 'alleen de gekozen foto’s van het evenement (met --event)',
  'cli.picks.description': 'toon de gekozen foto’s van een evenement',
  'cli.pick.description': 'kies foto’s van een evenement om te publiceren',
  'cli.unpick.description': 'maak de keuze van foto’s ongedaan',
  'cli.picks.event': 'evenement: naam, map of nummer',
  'cli.picks.photos': 'foto’s: bestandsnaam, pad of hash',
  'cli.picks.count': '{picks} gekozen foto’s in {event}.',
  'cli.pick.done': '{changed} gekozen; nu {picks} gekozen foto’s in {event}.',
  'cli.unpick.done': '{changed} niet meer gekozen; nu {picks} gekozen foto’s in {event}.',
  'cli.sidecars.description': 'namen terugschrijven naar XMP-bestanden naast de foto’s (voor digiKam, Lightroom)',
  'cli.sidecars.enable.description': 'zet namen terugschrijven aan voor een evenement',
  'cli.sidecars.disable.description': 'zet namen terugschrijven uit voor een evenement',
  'cli.sidecars.write.description':
    'schrijf de namen van een evenement naar XMP-bestanden naast de foto’s (de foto’s zelf blijven ongewijzigd)',
  'cli.sidecars.enabled': 'Namen terugschrijven staat aan voor {event}.',
  'cli.sidecars.disabled': 'Namen terugschrijven staat uit voor {event}.',
  'cli.sidecars.summary':
    '{written} XMP-bestanden nieuw geschreven, {merged} aangevuld, {unchanged} al bij, {skipped} zonder namen, {failed} mislukt.',
} as const;

export const picksEn = {
  'error.library.event.notFound': 'Event {event} does not exist.',
  'error.library.pick.notInEvent': '{count} of the chosen photos are not in event {event}; nothing was picked.',
  'error.library.pick.photoUnknown': 'Photo {photo} is not in event {event}.',
  'error.library.pick.none': 'Event {event} has no picked photos yet. Pick them in the grid (key P).',
  'error.library.sidecars.notEnabled':
    'Writing names back is off for event {event}. Turn it on with: fotowacht sidecars enable {event}',
  'error.library.sidecar.link':
    '{file}: the XMP sidecar beside it is a link; Fotowacht does not follow it and wrote nothing.',
  'error.library.sidecar.notRegular':
    '{file}: something with the sidecar’s name that is not a regular file is beside the photo; skipped.',
  'error.library.sidecar.unreadable': '{file}: the existing XMP sidecar is unreadable; it was left alone.',
  'error.library.sidecar.writeFailed': '{file}: the XMP sidecar could not be written ({detail}).',
  'error.cli.export.picksNeedEvent': '--picks belongs to an event: give --event too.',
  'cli.export.picks': 'only the picked photos of the event (with --event)',
  'cli.picks.description': 'list the picked photos of an event',
  'cli.pick.description': 'pick photos of an event for publication',
  'cli.unpick.description': 'unpick photos of an event',
  'cli.picks.event': 'event: name, folder or number',
  'cli.picks.photos': 'photos: file name, path or hash',
  'cli.picks.count': '{picks} picked photos in {event}.',
  'cli.pick.done': '{changed} picked; now {picks} picked photos in {event}.',
  'cli.unpick.done': '{changed} unpicked; now {picks} picked photos in {event}.',
  'cli.sidecars.description': 'write names back to XMP sidecars beside the photos (for digiKam, Lightroom)',
  'cli.sidecars.enable.description': 'turn writing names back on for an event',
  'cli.sidecars.disable.description': 'turn writing names back off for an event',
  'cli.sidecars.write.description':
    'write the names of an event to XMP sidecars beside the photos (the photos themselves are never changed)',
  'cli.sidecars.enabled': 'Writing names back is on for {event}.',
  'cli.sidecars.disabled': 'Writing names back is off for {event}.',
  'cli.sidecars.summary':
    '{written} XMP sidecars written new, {merged} merged, {unchanged} already up to date, {skipped} without names, {failed} failed.',
} as const satisfies Record<keyof typeof picksNl, string>;
