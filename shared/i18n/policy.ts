// Dutch and English text of the decision rules: the reasons a photo may or may not go out.
export const policyNl = {
  'policy.status.publish': 'Klaar om te publiceren',
  'policy.status.hide': 'Publiceren met verborgen personen',
  'policy.status.blocked': 'Geblokkeerd',
  'policy.status.needs_review': 'Moet worden nagekeken',
  'policy.visible': '{name}: toestemming voor {channel} in {year}',
  'policy.refused': '{name}: geen toestemming voor {channel} in {year}',
  'policy.notReturned':
    '{name}: toestemmingsformulier {year} niet ingeleverd (geldt als geen toestemming voor {channel})',
  'policy.noRecord': '{name}: geen toestemming voor {channel} in {year}',
  'policy.withdrawn': '{name}: toestemming voor {channel} ingetrokken ({year})',
  'policy.ambiguous': 'naam niet eenduidig: {count} personen heten {name}',
  'policy.unmatched': '{name}: niet gevonden in het toestemmingsregister',
  'policy.unknownFace': 'onbekend gezicht',
  'policy.unnamedRegion': 'persoon zonder naam',
  'policy.block.mainSubject':
    '{name} moet onherkenbaar worden, maar is het hoofdonderwerp ({share}% van de foto, grens {max}%)',
  'policy.block.mainSubjectUnknown':
    'een onbekend gezicht moet onherkenbaar worden, maar is het hoofdonderwerp ({share}% van de foto, grens {max}%)',
  'policy.block.noBoxUnknown':
    'een onbekend persoon moet onherkenbaar worden, maar staat niet aangegeven op de foto: teken een kader',
  'policy.block.tooMany': '{count} personen moeten onherkenbaar worden (meer dan {max})',
  'policy.block.noBox': '{name} moet onherkenbaar worden, maar staat niet aangegeven op de foto: teken een kader',
  'policy.review.facesNotChecked': 'de gezichtsdetectie heeft deze foto nog niet bekeken',
  'policy.review.metadataUnreadable':
    'het metadatablok (XMP) van deze foto is onleesbaar: wie erop getagd is, is onbekend — kijk na wie erop staat',
  'policy.review.staleRegions':
    'de vakken van {names} zijn geschreven voor een beeld van {statedWidth}×{statedHeight}, maar de foto is {width}×{height}: ze kunnen op de verkeerde plek staan — teken ze opnieuw',
  'policy.review.staleRegionsUnknown':
    'de vakken van een onbekend gezicht zijn geschreven voor een beeld van {statedWidth}×{statedHeight}, maar de foto is {width}×{height}: ze kunnen op de verkeerde plek staan — teken ze opnieuw',
  'policy.overridden': 'blokkade opgeheven: {reason}',
  'policy.protected': '{name}: nooit publiceren (beschermde leerling)',
  'policy.block.protected':
    '{name} mag nooit gepubliceerd worden: de foto is geblokkeerd, want ook onherkenbaar maken kan deze leerling niet beschermen (kleding, omgeving, de gebeurtenis) — alleen de privacy officer kan dit opheffen, met een reden',
  'policy.block.protectedSuspect':
    '"{name}" kan een leerling zijn die nooit gepubliceerd mag worden (naam gelijk of lijkend, niet bevestigd): de foto is geblokkeerd — koppel het vak aan de juiste persoon, of laat de privacy officer beslissen',
  'policy.overriddenByPrivacyOfficer': 'blokkade opgeheven door de privacy officer: {reason}',
  'policy.clip.mainSubject':
    '{name} moet onherkenbaar worden, maar is het hoofdonderwerp van de clip: groot in beeld (meer dan {area}% van het beeld) in {share}% van de beelden, grens {max}%',
  'policy.clip.mainSubjectUnknown':
    'een onbekend gezicht moet onherkenbaar worden, maar is het hoofdonderwerp van de clip: groot in beeld (meer dan {area}% van het beeld) in {share}% van de beelden, grens {max}%',
  'policy.clip.tooMany': '{count} personen moeten tegelijk onherkenbaar worden in één beeld (meer dan {max})',
  'policy.clip.noTrack':
    '{name} wordt in de clip genoemd en moet onherkenbaar worden, maar geen spoor is aan deze persoon gekoppeld: koppel het spoor bij het nakijken',
  'policy.clip.notScanned': 'de gezichtsdetectie heeft deze clip nog niet bekeken',
} as const;

export const policyEn = {
  'policy.status.publish': 'Ready to publish',
  'policy.status.hide': 'Publish with people hidden',
  'policy.status.blocked': 'Blocked',
  'policy.status.needs_review': 'Needs review',
  'policy.visible': '{name}: consent for {channel} in {year}',
  'policy.refused': '{name}: no consent for {channel} in {year}',
  'policy.notReturned': '{name}: consent form {year} not returned (counts as no consent for {channel})',
  'policy.noRecord': '{name}: no consent for {channel} in {year}',
  'policy.withdrawn': '{name}: consent for {channel} withdrawn ({year})',
  'policy.ambiguous': 'ambiguous name: {count} people named {name}',
  'policy.unmatched': '{name}: not found in the consent registry',
  'policy.unknownFace': 'unknown face',
  'policy.unnamedRegion': 'person without a name',
  'policy.block.mainSubject': '{name} must be hidden but is the main subject ({share}% of the photo, limit {max}%)',
  'policy.block.mainSubjectUnknown':
    'an unknown face must be hidden but is the main subject ({share}% of the photo, limit {max}%)',
  'policy.block.noBoxUnknown': 'an unknown person must be hidden but is not marked on the photo: draw a box',
  'policy.block.tooMany': '{count} people must be hidden (more than {max})',
  'policy.block.noBox': '{name} must be hidden but is not marked on the photo: draw a box',
  'policy.review.facesNotChecked': 'the face detector has not looked at this photo yet',
  'policy.review.metadataUnreadable':
    'the metadata block (XMP) of this photo is unreadable, so who is tagged on it is unknown — check who is on it',
  'policy.review.staleRegions':
    'the boxes of {names} were written for an image of {statedWidth}×{statedHeight}, but the photo is {width}×{height}: they may be in the wrong place — draw them again',
  'policy.review.staleRegionsUnknown':
    'the boxes of an unknown face were written for an image of {statedWidth}×{statedHeight}, but the photo is {width}×{height}: they may be in the wrong place — draw them again',
  'policy.overridden': 'block overridden: {reason}',
  'policy.protected': '{name}: never publish (protected pupil)',
  'policy.block.protected':
    '{name} must never be published: the photo is blocked, because hiding their face cannot protect this pupil (clothing, surroundings, the event) — only the privacy officer can lift it, with a reason',
  'policy.block.protectedSuspect':
    '"{name}" may be a pupil who must never be published (same or similar name, not confirmed): the photo is blocked — link the region to the right person, or let the privacy officer decide',
  'policy.overriddenByPrivacyOfficer': 'block lifted by the privacy officer: {reason}',
  'policy.clip.mainSubject':
    '{name} must be hidden but is the main subject of the clip: large in the picture (more than {area}% of it) in {share}% of the frames, limit {max}%',
  'policy.clip.mainSubjectUnknown':
    'an unknown face must be hidden but is the main subject of the clip: large in the picture (more than {area}% of it) in {share}% of the frames, limit {max}%',
  'policy.clip.tooMany': '{count} people must be hidden at once in one frame (more than {max})',
  'policy.clip.noTrack':
    '{name} is named in the clip and must be hidden, but no track is linked to them: link their track in the review',
  'policy.clip.notScanned': 'the face detector has not looked at this clip yet',
} as const satisfies Record<keyof typeof policyNl, string>;
