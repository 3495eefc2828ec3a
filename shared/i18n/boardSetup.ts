// Dutch and English text of moving a laptop into a board (`fotowacht board migrate`) and of checking what it took in.
export const boardSetupNl = {
  'ui.audit.action.board.laptop.migrate':
    'Register en logboek van een laptop overgenomen in de database van het bestuur',
  'ui.audit.action.board.migrated': 'Register van deze laptop overgezet naar de database van het bestuur',
  'cli.board.migrate.description':
    'zet het eigen register, de exports en het logboek van deze laptop over naar de database van het bestuur (eenmalig)',
  'cli.board.migrate.school': 'code van de school waar dit register bij hoort',
  'cli.board.migrate.dryRun': 'toon alleen wat er overgezet zou worden; verander niets',
  'cli.board.migrate.passwordStdin': 'lees het wachtwoord van stdin in plaats van uit de sleutelbos',
  'cli.board.migrate.step.verify': 'logboek van deze laptop controleren',
  'cli.board.migrate.step.read': 'register, exports en koppelingen lezen',
  'cli.board.migrate.step.board': 'in één transactie naar de database van het bestuur schrijven',
  'cli.board.migrate.step.trail': 'logboek als gecontroleerd deel toevoegen en verzegelen',
  'cli.board.migrate.step.renumber': 'register van deze laptop omnummeren naar de nummers van het bestuur',
  'cli.board.migrate.wouldMove':
    'Proef (er is niets veranderd): naar school {school} zouden gaan: {people} personen, {records} toestemmingsversies ({reasons} met reden), {imports} imports, {channels} kanalen, {exports} exports met {items} foto’s, {links} koppelingen van gezichten aan personen en {events} logboekregels.',
  'cli.board.migrate.moved':
    'Overgezet naar school {school}: {people} personen, {records} toestemmingsversies ({reasons} met reden), {imports} imports, {channels} kanalen, {exports} exports met {items} foto’s, {links} koppelingen van gezichten aan personen en {events} logboekregels.',
  'cli.board.migrate.sealed':
    'Het logboek van deze laptop is deel {segment} van het logboek van het bestuur, verzegeld tot {head}. Controleer met fotowacht server verify.',
  'cli.board.migrate.already':
    'Deze laptop is al overgezet naar school {school} (deel {segment}); er is niets veranderd.',
  'cli.board.migrate.resumed':
    'Het bestuur had het register van deze laptop al (deel {segment}, school {school}); de laptop is nu ook omgenummerd.',
  'cli.board.migrate.wouldResume':
    'Proef: het bestuur heeft het register van deze laptop al (deel {segment}, school {school}); alleen het omnummeren op de laptop moet nog.',
  'cli.server.verify.segmentOk':
    'Logboek van laptop (deel {segment}, school {school}): onbeschadigd, {count} regels, verzegeld.',
  'cli.server.verify.segmentBad':
    'Logboek van laptop (deel {segment}, school {school}) GEWIJZIGD bij regel {seq}: {reason}.',
  'cli.server.verify.segmentUnsealed':
    'Logboek van laptop (deel {segment}, school {school}) klopt niet met de regel die het verzegelde.',
  'error.board.migrate.notConnected':
    'Deze computer is niet gekoppeld aan een bestuur: voer eerst fotowacht connect uit (als schooladministratie of privacy officer).',
  'error.board.migrate.roleRefused':
    'Gebruiker {user} ({role}) mag het register van school {school} niet overzetten: dat doet de schooladministratie van die school of de privacy officer van het bestuur.',
  'error.board.migrate.chainBroken':
    'Het logboek van deze laptop klopt niet (regel {seq}: {reason}); zo’n logboek wordt niet overgenomen. Laat de privacy officer het eerst onderzoeken (fotowacht audit verify).',
  'error.board.migrate.emptyTrail': 'Deze laptop heeft geen logboek en dus niets om over te zetten.',
  'error.board.migrate.keysTaken':
    'School {school} heeft al {count} personen met dezelfde nummers als op deze laptop ({keys}). Het bestuur houdt één register per school: twee geschiedenissen van één leerling worden niet samengevoegd. Koppel deze laptop zonder over te zetten (lege gegevensmap), of laat de privacy officer kiezen welk register blijft.',
  'error.board.migrate.concurrent': 'Deze laptop wordt op dit moment al overgezet naar school {school}.',
  'error.board.migrate.elsewhere':
    'Deze laptop is op {at} al overgezet naar school {school} van een ander bestuur (of een andere database); hij wordt niet nog eens overgezet.',
} as const;

export const boardSetupEn = {
  'ui.audit.action.board.laptop.migrate': "A laptop's registry and logbook taken into the board's database",
  'ui.audit.action.board.migrated': "This laptop's registry moved to the board's database",
  'cli.board.migrate.description':
    "move this laptop's own registry, exports and logbook into the board's database (once)",
  'cli.board.migrate.school': 'code of the school this registry belongs to',
  'cli.board.migrate.dryRun': 'only show what would be moved; change nothing',
  'cli.board.migrate.passwordStdin': 'read the password from stdin instead of the key store',
  'cli.board.migrate.step.verify': "checking this laptop's logbook",
  'cli.board.migrate.step.read': 'reading the registry, exports and links',
  'cli.board.migrate.step.board': "writing to the board's database in one transaction",
  'cli.board.migrate.step.trail': 'adding the logbook as a verified segment and sealing it',
  'cli.board.migrate.step.renumber': "renumbering this laptop's registry to the board's numbers",
  'cli.board.migrate.wouldMove':
    'Dry run (nothing changed): school {school} would receive {people} people, {records} consent versions ({reasons} with a reason), {imports} imports, {channels} channels, {exports} exports with {items} photos, {links} links of faces to people and {events} logbook entries.',
  'cli.board.migrate.moved':
    'Moved to school {school}: {people} people, {records} consent versions ({reasons} with a reason), {imports} imports, {channels} channels, {exports} exports with {items} photos, {links} links of faces to people and {events} logbook entries.',
  'cli.board.migrate.sealed':
    "This laptop's logbook is segment {segment} of the board's logbook, sealed up to {head}. Check it with fotowacht server verify.",
  'cli.board.migrate.already': 'This laptop was already moved to school {school} (segment {segment}); nothing changed.',
  'cli.board.migrate.resumed':
    "The board already had this laptop's registry (segment {segment}, school {school}); the laptop has now been renumbered too.",
  'cli.board.migrate.wouldResume':
    "Dry run: the board already has this laptop's registry (segment {segment}, school {school}); only the renumbering on the laptop is left.",
  'cli.server.verify.segmentOk':
    'Laptop logbook (segment {segment}, school {school}): intact, {count} entries, sealed.',
  'cli.server.verify.segmentBad':
    'Laptop logbook (segment {segment}, school {school}) ALTERED at entry {seq}: {reason}.',
  'cli.server.verify.segmentUnsealed':
    'Laptop logbook (segment {segment}, school {school}) does not match the entry that sealed it.',
  'error.board.migrate.notConnected':
    'This computer is not connected to a board: run fotowacht connect first (as school administration or privacy officer).',
  'error.board.migrate.roleRefused':
    "User {user} ({role}) may not move school {school}'s registry: that is for the school's administration or the board's privacy officer.",
  'error.board.migrate.chainBroken':
    "This laptop's logbook does not hold (entry {seq}: {reason}); such a logbook is not taken in. Have the privacy officer look into it first (fotowacht audit verify).",
  'error.board.migrate.emptyTrail': 'This laptop has no logbook, so there is nothing to move.',
  'error.board.migrate.keysTaken':
    'School {school} already has {count} people with the same numbers as this laptop ({keys}). The board keeps one registry per school: two histories of one pupil are not merged. Connect this laptop without moving (an empty data folder), or have the privacy officer choose which registry stays.',
  'error.board.migrate.concurrent': 'This laptop is being moved to school {school} right now.',
  'error.board.migrate.elsewhere':
    'This laptop was already moved to school {school} of another board (or another database) on {at}; it is not moved again.',
} as const satisfies Record<keyof typeof boardSetupNl, string>;
