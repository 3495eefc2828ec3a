// Dutch and English text of board mode without the server (issue 16, part 4): the outbox of offline work, exports
// refused or made on a snapshot of the registry, and the snapshot's allowed age.
export const boardOfflineNl = {
  'ui.audit.action.board.snapshotAge': 'Toegestane leeftijd van de momentopname ingesteld',
  'cli.board.sync.description':
    'zet het werk dat deze computer zonder server deed (indexeren, namen, exports op een momentopname) in het logboek van het bestuur, in volgorde',
  'cli.board.sync.done':
    '{appended} gebeurtenis(sen) toegevoegd aan het logboek van het bestuur ({already} stond(en) er al); nog in de wachtrij: {remaining}.',
  'cli.board.sync.progress': 'Logboek bijwerken',
  'cli.board.sync.failed':
    'Het logboek van het bestuur kon niet worden bijgewerkt ({reason}); {queued} gebeurtenis(sen) blijven in de wachtrij voor later.',
  'cli.board.snapshotAge.description':
    'toon of stel in hoe oud de momentopname van de registratie hoogstens mag zijn voor een export zonder server (uren)',
  'cli.board.snapshotAge.hours': 'aantal uren (1 tot 720); zonder: toon de huidige waarde',
  'cli.board.snapshotAge.show':
    'Een export zonder server mag een momentopname van hoogstens {hours} uur oud gebruiken.',
  'cli.board.snapshotAge.snapshot': 'Momentopname van deze computer: {refreshedAt} ({age} uur oud), hash {hash}.',
  'cli.board.snapshotAge.noSnapshot': 'Deze computer heeft nog geen momentopname van de registratie.',
  'cli.export.allowSnapshot':
    'sta toe dat de export zonder server de momentopname van de registratie gebruikt (niet ouder dan de ingestelde leeftijd; zie fotowacht board snapshot-age)',
  'cli.export.snapshotUsed':
    'Let op: geëxporteerd zonder server, op de momentopname van {refreshedAt} (hash {hash}). Het manifest en het logboek noemen die; het bestuur krijgt de export zodra de server bereikbaar is (fotowacht board sync).',
  'cli.export.boardRecorded': 'Vastgelegd in de database van het bestuur als export {exportId}.',
  'error.board.outboxConflict':
    'Gebeurtenis {seq} van deze computer ({workstation}) staat al anders in het logboek van het bestuur: is deze gegevensmap van een andere computer gekopieerd? Er is niets toegevoegd; neem contact op met de privacy officer.',
  'error.board.outboxMissing': 'Gebeurtenis {seq} in de wachtrij staat niet (meer) in het logboek van deze computer.',
  'error.board.exportUnreachable':
    'Exporteren kan nu niet: de databaseserver {host} is niet bereikbaar, en een export heeft de actuele toestemmingen nodig. Probeer het opnieuw als de verbinding er is, of sta de momentopname van deze computer toe (fotowacht export --allow-snapshot, of het vinkje op het scherm Publiceren); die mag hoogstens {maxHours} uur oud zijn.',
  'error.board.snapshotTooOld':
    'De momentopname van de registratie op deze computer is {ageHours} uur oud; een export zonder server mag er een van hoogstens {maxHours} uur gebruiken. Exporteer als de server weer bereikbaar is.',
  'error.board.noSnapshot':
    'Deze computer heeft nog geen momentopname van de registratie, dus zonder server kan er niet worden geëxporteerd. Exporteer als de server bereikbaar is.',
  'error.board.exportNotRecorded':
    'De export kon niet in de database van het bestuur worden vastgelegd ({code}). De bestanden zijn weer verwijderd; de export telt als mislukt.',
  'error.board.snapshotAgeInvalid': 'Geef de leeftijd in hele uren, van 1 tot 720.',
  'error.board.exportReadOnly':
    'Deze computer is gekoppeld als auditor: die leest het bestuur alleen en exporteert niet. Koppel met een eigen gebruiker van de communicatie.',
} as const;

export const boardOfflineEn = {
  'ui.audit.action.board.snapshotAge': "The snapshot's allowed age set",
  'cli.board.sync.description':
    "put the work this computer did without the server (indexing, naming, exports on a snapshot) on the board's audit trail, in order",
  'cli.board.sync.done':
    "{appended} event(s) appended to the board's audit trail ({already} were there already); still queued: {remaining}.",
  'cli.board.sync.progress': 'Updating the trail',
  'cli.board.sync.failed':
    "The board's audit trail could not be updated ({reason}); {queued} event(s) stay queued for later.",
  'cli.board.snapshotAge.description':
    "show or set how old the registry's snapshot may be for an export without the server (hours)",
  'cli.board.snapshotAge.hours': 'number of hours (1 to 720); without it: show the current value',
  'cli.board.snapshotAge.show': 'An export without the server may use a snapshot at most {hours} hours old.',
  'cli.board.snapshotAge.snapshot': "This computer's snapshot: {refreshedAt} ({age} hours old), hash {hash}.",
  'cli.board.snapshotAge.noSnapshot': 'This computer has no snapshot of the registry yet.',
  'cli.export.allowSnapshot':
    "allow the export, without the server, to use the registry's snapshot (no older than the set age; see fotowacht board snapshot-age)",
  'cli.export.snapshotUsed':
    'Note: exported without the server, on the snapshot of {refreshedAt} (hash {hash}). The manifest and the audit trail name it; the board gets the export once the server can be reached (fotowacht board sync).',
  'cli.export.boardRecorded': "Recorded in the board's database as export {exportId}.",
  'error.board.outboxConflict':
    "Event {seq} of this computer ({workstation}) is already on the board's audit trail, differently: was this data folder copied from another computer? Nothing was appended; contact the privacy officer.",
  'error.board.outboxMissing': "Queued event {seq} is not (or no longer) in this computer's audit trail.",
  'error.board.exportUnreachable':
    "Exporting is not possible now: the database server {host} cannot be reached, and an export needs the current consent. Try again when the connection is back, or allow this computer's snapshot (fotowacht export --allow-snapshot, or the checkbox on the Publish screen); it may be at most {maxHours} hours old.",
  'error.board.snapshotTooOld':
    "This computer's snapshot of the registry is {ageHours} hours old; an export without the server may use one at most {maxHours} hours old. Export when the server can be reached again.",
  'error.board.noSnapshot':
    'This computer has no snapshot of the registry yet, so it cannot export without the server. Export when the server can be reached.',
  'error.board.exportNotRecorded':
    "The export could not be recorded in the board's database ({code}). Its files were removed again; the export counts as failed.",
  'error.board.snapshotAgeInvalid': 'Give the age in whole hours, from 1 to 720.',
  'error.board.exportReadOnly':
    'This computer is connected as an auditor, who only reads the board and does not export. Connect with a communications user of your own.',
} as const satisfies Record<keyof typeof boardOfflineNl, string>;
