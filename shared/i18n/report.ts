// Dutch and English text of the audit report: each logbook entry said in words, page furniture, the appendix.
export const reportNl = {
  'report.pageOf': 'Pagina {page} van {pages}',
  'report.verifiedShort': 'Logboek gecontroleerd: onbeschadigd ({count} regels)',
  'report.alteredShort': 'Logboek gecontroleerd: GEWIJZIGD bij regel {seq}',
  'report.anchorShort': 'Anker: {anchor}',
  'report.events': 'Wat er gebeurde',
  'report.appendix': 'Bijlage: technische gegevens per regel',
  'report.appendixHelp':
    'Per regel: nummer, handeling, onderwerp, de vastgelegde gegevens en het zegel (SHA-256). Personen staan er onder hun pseudoniem in.',
  'report.someone': 'een persoon',
  'report.erasedPerson': 'een gewiste persoon ({pseudonym})',
  'report.reason.given': 'reden opgegeven',
  'report.reason.none': 'geen reden opgegeven',
  'report.reason.erased': 'de reden is gewist',
  'report.yes': 'ja',
  'report.no': 'nee',
  'report.setting.displayName': 'naam in het logboek',
  'report.setting.language': 'taal',
  'report.setting.hideStyle': 'manier van verbergen',
  'report.setting.maskMargin': 'rand om een verborgen persoon',
  'report.setting.maxHiddenAreaShare': 'grootste verborgen deel van een foto',
  'report.setting.maxHiddenPeople': 'meeste verborgen personen per foto',
  'report.setting.clipMainSubjectShare': 'deel van een clip waarin een verborgen persoon groot in beeld mag zijn',
  'report.event.generic': '{what}.',
  'report.event.settings.update': 'De instellingen zijn gewijzigd: {changes}.',
  'report.event.db.encrypted': 'De database is versleuteld (sleutel: {source}).',
  'report.event.channel.add': 'Kanaal “{channel}” is toegevoegd.',
  'report.event.channel.rename': 'Kanaal “{from}” heet nu “{to}”.',
  'report.event.channel.retire': 'Kanaal “{channel}” is buiten gebruik gesteld.',
  'report.event.channel.reinstate': 'Kanaal “{channel}” is weer in gebruik genomen.',
  'report.event.channel.delete': 'Kanaal “{channel}” (nooit gebruikt) is verwijderd.',
  'report.event.consent.import':
    'Toestemmingslijst “{file}” is ingelezen voor schooljaar {year}: {records} toestemmingen vastgelegd, {errors} rijen met fouten{onlyValid}.',
  'report.event.consent.import.onlyValid': ', alleen de goede rijen',
  'report.event.consent.manual':
    'De toestemming van {person} voor {channel} (schooljaar {year}) is met de hand gewijzigd van “{from}” naar “{to}”, vanaf {date}; {reason}.',
  'report.event.consent.withdraw.parent':
    'De ouders van {person} trokken de toestemming voor {channel} in (schooljaar {year}, vanaf {date}); {reason}.',
  'report.event.consent.withdraw.guardian':
    'De verzorger of voogd van {person} trok de toestemming voor {channel} in (schooljaar {year}, vanaf {date}); {reason}.',
  'report.event.consent.withdraw.self':
    '{person} trok de eigen toestemming voor {channel} in (schooljaar {year}, vanaf {date}); {reason}.',
  'report.event.consent.withdraw.unknown':
    'De toestemming van {person} voor {channel} is ingetrokken (schooljaar {year}, vanaf {date}); {reason}.',
  'report.event.export.done':
    'Export voor {channel}, publicatiedatum {date}: {exported} foto’s klaargezet, {hidden} personen onherkenbaar gemaakt, {blocked} foto’s geblokkeerd, {review} na te kijken, {failed} mislukt.',
  'report.event.export.cancelled':
    'Een export voor {channel} (publicatiedatum {date}) is geannuleerd; niets ervan is bewaard.',
  'report.event.export.failed':
    'Een export voor {channel} (publicatiedatum {date}) is mislukt; niets ervan is bewaard.',
  'report.event.export.interrupted':
    'Een afgebroken export is opgeruimd: {files} half geschreven bestanden verwijderd.',
  'report.event.export.clips':
    'Clips: {clips} klaargezet, {tracks} sporen onherkenbaar gemaakt in elk beeld waarin ze kunnen voorkomen; geluid {audio}.',
  'report.event.export.audio.kept': 'behouden (gekozen bij de export)',
  'report.event.export.audio.removed': 'verwijderd',
  'report.event.export.override.clip':
    'Een blokkade van een clip is opgeheven voor {channel} (publicatiedatum {date}; blokkade: {blockers}); {reason}.',
  'report.event.export.override':
    'Een blokkade van een foto is opgeheven voor {channel} (publicatiedatum {date}; blokkade: {blockers}); {reason}.',
  'report.event.exports.pruned': 'Exportgegevens ouder dan {years} jaar zijn verwijderd ({count} exports).',
  'report.event.person.erased':
    'Een persoon is gewist (pseudoniem {pseudonym}): {regions} gebieden ontkoppeld, {tags} namen uit bestanden verwijderd; nog gepubliceerd: {published} bestanden.',
  'report.event.faces.detect': 'Gezichten gezocht met model {model}: {photos} foto’s, {faces} gezichten gevonden.',
  'report.event.faces.dismiss': 'Een gevonden gezicht is afgewezen als “geen persoon”.',
  'report.event.faces.draw': 'Een gezicht is met de hand aangegeven op een foto.',
  'report.event.faces.model.set': 'Het gezichtsmodel is ingesteld.',
  'report.event.library.folderAdded': 'Een fotomap is toegevoegd aan de bibliotheek.',
  'report.event.people.link': 'Een persoon op een foto is gekoppeld aan {person}.',
  'report.event.people.unlink': 'De koppeling van een persoon op een foto aan {person} is verwijderd.',
  'report.event.audit.checkpoint': 'Een ondertekend controlepunt van het logboek is gemaakt (tot regel {seq}).',
  // Face tracks in clips (the event review): people by pseudonym in the trail, by name only through the registry.
  'report.event.review.track.linked': 'Een persoon in een video (spoor {track}) is benoemd als {person}.',
  'report.event.review.track.guest': 'Een persoon in een video (spoor {track}) is gemarkeerd als gast / niet bekend.',
  'report.event.review.track.dismissed':
    'Een gevonden gezicht in een video (spoor {track}) is afgewezen als “geen persoon”.',
  'report.event.review.track.open':
    'De naam of markering van een persoon in een video (spoor {track}) is teruggedraaid.',
  'report.event.review.trackSplit':
    'Een spoor in een video ({track}) is gesplitst bij beeld {frame}: vanaf daar is het spoor {newTrack}; geen van beide houdt een naam.',
  'report.event.review.trackUnsplit':
    'Het splitsen van een spoor in een video is ongedaan gemaakt: spoor {removed} (vanaf beeld {frame}) is weer deel van spoor {track}.',
  'report.event.review.trackUnsplit.linked':
    'Het splitsen van een spoor in een video is ongedaan gemaakt: spoor {removed} (vanaf beeld {frame}) is weer deel van spoor {track}, weer benoemd als {person}.',
  'report.event.video.faces.scan':
    'Gezichten gezocht in een video met model {model} (1 op de {every} beelden doorzocht): {frames} beelden, {tracks} sporen.',
  'report.event.video.faces.scan.forced':
    'Gezichten opnieuw gezocht in een video met model {model} (1 op de {every} beelden doorzocht): {frames} beelden, {tracks} sporen; {dropped} benoemde of gemarkeerde sporen vervallen.',
} as const;

export const reportEn = {
  'report.pageOf': 'Page {page} of {pages}',
  'report.verifiedShort': 'Audit trail verified: intact ({count} entries)',
  'report.alteredShort': 'Audit trail verified: ALTERED at entry {seq}',
  'report.anchorShort': 'Anchor: {anchor}',
  'report.events': 'What happened',
  'report.appendix': 'Appendix: technical details per entry',
  'report.appendixHelp':
    'Per entry: number, action, subject, the recorded details and the seal (SHA-256). People appear under their pseudonym.',
  'report.someone': 'a person',
  'report.erasedPerson': 'an erased person ({pseudonym})',
  'report.reason.given': 'reason given',
  'report.reason.none': 'no reason given',
  'report.reason.erased': 'the reason was erased',
  'report.yes': 'yes',
  'report.no': 'no',
  'report.setting.displayName': 'name in the audit trail',
  'report.setting.language': 'language',
  'report.setting.hideStyle': 'how to hide',
  'report.setting.maskMargin': 'margin around a hidden person',
  'report.setting.maxHiddenAreaShare': 'largest hidden share of a photo',
  'report.setting.maxHiddenPeople': 'most hidden people per photo',
  'report.setting.clipMainSubjectShare': 'share of a clip in which a hidden person may be large',
  'report.event.generic': '{what}.',
  'report.event.settings.update': 'The settings were changed: {changes}.',
  'report.event.db.encrypted': 'The database was encrypted (key: {source}).',
  'report.event.channel.add': 'Channel “{channel}” was added.',
  'report.event.channel.rename': 'Channel “{from}” is now called “{to}”.',
  'report.event.channel.retire': 'Channel “{channel}” was retired.',
  'report.event.channel.reinstate': 'Channel “{channel}” was taken back into use.',
  'report.event.channel.delete': 'Channel “{channel}” (never used) was deleted.',
  'report.event.consent.import':
    'Consent list “{file}” was imported for school year {year}: {records} consents recorded, {errors} rows with errors{onlyValid}.',
  'report.event.consent.import.onlyValid': ', only the valid rows',
  'report.event.consent.manual':
    'The consent of {person} for {channel} (school year {year}) was changed by hand from “{from}” to “{to}”, from {date}; {reason}.',
  'report.event.consent.withdraw.parent':
    '{person}’s parents withdrew consent for {channel} (school year {year}, from {date}); {reason}.',
  'report.event.consent.withdraw.guardian':
    '{person}’s guardian withdrew consent for {channel} (school year {year}, from {date}); {reason}.',
  'report.event.consent.withdraw.self':
    '{person} withdrew their own consent for {channel} (school year {year}, from {date}); {reason}.',
  'report.event.consent.withdraw.unknown':
    'The consent of {person} for {channel} was withdrawn (school year {year}, from {date}); {reason}.',
  'report.event.export.done':
    'Export for {channel}, publication date {date}: {exported} photos made ready, {hidden} people made unrecognisable, {blocked} photos blocked, {review} to review, {failed} failed.',
  'report.event.export.cancelled':
    'An export for {channel} (publication date {date}) was cancelled; nothing of it was kept.',
  'report.event.export.failed': 'An export for {channel} (publication date {date}) failed; nothing of it was kept.',
  'report.event.export.interrupted': 'An interrupted export was cleaned up: {files} half-written files removed.',
  'report.event.export.clips':
    'Clips: {clips} ready, {tracks} tracks hidden in every frame they may be on screen; sound {audio}.',
  'report.event.export.audio.kept': 'kept (chosen for the export)',
  'report.event.export.audio.removed': 'removed',
  'report.event.export.override.clip':
    'A block on a clip was overridden for {channel} (publication date {date}; block: {blockers}); {reason}.',
  'report.event.export.override':
    'A block on a photo was overridden for {channel} (publication date {date}; block: {blockers}); {reason}.',
  'report.event.exports.pruned': 'Export records older than {years} years were deleted ({count} exports).',
  'report.event.person.erased':
    'A person was erased (pseudonym {pseudonym}): {regions} regions unlinked, {tags} names removed from files; still published: {published} files.',
  'report.event.faces.detect': 'Faces searched with model {model}: {photos} photos, {faces} faces found.',
  'report.event.faces.dismiss': 'A detected face was dismissed as “not a person”.',
  'report.event.faces.draw': 'A face was marked by hand on a photo.',
  'report.event.faces.model.set': 'The face model was set.',
  'report.event.library.folderAdded': 'A photo folder was added to the library.',
  'report.event.people.link': 'A person on a photo was linked to {person}.',
  'report.event.people.unlink': 'The link of a person on a photo to {person} was removed.',
  'report.event.audit.checkpoint': 'A signed checkpoint of the audit trail was made (up to entry {seq}).',
  'report.event.review.track.linked': 'A person in a clip (track {track}) was named as {person}.',
  'report.event.review.track.guest': 'A person in a clip (track {track}) was marked as guest / not known.',
  'report.event.review.track.dismissed': 'A face found in a clip (track {track}) was dismissed as “not a person”.',
  'report.event.review.track.open': 'The name or mark of a person in a clip (track {track}) was taken back.',
  'report.event.review.trackSplit':
    'A track in a clip ({track}) was split at frame {frame}: from there on it is track {newTrack}; neither part keeps a name.',
  'report.event.review.trackUnsplit':
    'The split of a track in a clip was undone: track {removed} (from frame {frame}) is part of track {track} again.',
  'report.event.review.trackUnsplit.linked':
    'The split of a track in a clip was undone: track {removed} (from frame {frame}) is part of track {track} again, named as {person} again.',
  'report.event.video.faces.scan':
    'Faces searched in a clip with model {model} (1 in {every} frames searched): {frames} frames, {tracks} tracks.',
  'report.event.video.faces.scan.forced':
    'Faces searched again in a clip with model {model} (1 in {every} frames searched): {frames} frames, {tracks} tracks; {dropped} named or marked tracks dropped.',
} as const;
