// Dutch and English text of board mode: a school board's shared registry on PostgreSQL (server set-up, connect).
export const boardNl = {
  'ui.audit.action.board.migrate': 'Database van het bestuur ingericht of bijgewerkt',
  'ui.audit.action.board.school.add': 'School toegevoegd aan het bestuur',
  'ui.audit.action.board.user.add': 'Gebruiker van het bestuur aangemaakt',
  'ui.audit.action.board.connect': 'Computer gekoppeld aan de database van het bestuur',
  'cli.server.description':
    'richt de gedeelde database van een schoolbestuur in (PostgreSQL): schema, scholen, gebruikers',
  'cli.server.databaseUrl':
    'adres van de database: postgres://gebruiker@server:5432/database (wachtwoord uit PGPASSWORD, of in het adres; ook FOTOWACHT_DATABASE_URL)',
  'cli.server.tls':
    'versleuteling: prefer (standaard: TLS als de server het aanbiedt), require, verify-full (met --ca-file), disable',
  'cli.server.caFile': 'CA-certificaat van de server (voor verify-full)',
  'cli.server.init.description':
    'maak of werk het schema bij: tabellen, rollen (privacy officer, administratie, communicatie, auditor) en beveiliging per school',
  'cli.server.init.done': 'Database van het bestuur klaar: schemaversie {version} (nu toegepast: {applied}).',
  'cli.server.init.roles': 'Groepsrollen: {roles}',
  'cli.server.addSchool.description': 'voeg een school toe (code en naam)',
  'cli.server.addSchool.code': 'korte code van de school, bijv. BRIN-nummer (letters, cijfers, . _ -)',
  'cli.server.addSchool.name': 'naam van de school',
  'cli.server.addSchool.done': 'School {code} toegevoegd: {name}.',
  'cli.server.addUser.description':
    'maak een gebruiker aan: een eigen database-inlog, lid van de groepsrol van zijn rol, gekoppeld aan zijn school',
  'cli.server.addUser.name': 'inlognaam (kleine letters, cijfers, . _ -)',
  'cli.server.addUser.role': 'rol: privacy_officer, school_admin, communications of auditor',
  'cli.server.addUser.school': 'code van de school (herhaalbaar; nodig voor school_admin en communications)',
  'cli.server.addUser.passwordStdin': 'lees het wachtwoord van stdin (anders maakt Fotowacht er een)',
  'cli.server.addUser.done': 'Gebruiker {name} aangemaakt als {role}{schools}.',
  'cli.server.addUser.password': 'Wachtwoord (alleen nu getoond, geef het veilig door): {password}',
  'cli.server.verify.description': 'controleer de hashketen van het logboek van het bestuur',
  'cli.server.head.description':
    'toon de huidige stand van het logboek van het bestuur (nummer en zegel) om te bewaren',
  'cli.server.report.description':
    'rapport van het logboek van het bestuur over een periode (CSV of PDF), met de controle van de hele keten',
  'cli.server.checkpoint.description':
    'onderteken de huidige stand van het logboek van het bestuur met uw privésleutel (de privacyfunctionaris)',
  'cli.connect.description':
    'koppel deze computer aan de database van het bestuur: test de verbinding, bewaar het wachtwoord in de sleutelbos van het systeem',
  'cli.connect.passwordStdin': 'lees het wachtwoord van stdin',
  'cli.connect.done': 'Gekoppeld als {user} ({role}) aan {url}; scholen: {schools}.',
  'cli.connect.keyStore': 'Wachtwoord bewaard in de sleutelbos van dit systeem, niet in een bestand.',
  'cli.board.tls.verified': 'Verbinding: versleuteld (TLS), certificaat van de server gecontroleerd.',
  'cli.board.tls.unverified':
    'Verbinding: versleuteld (TLS), certificaat niet gecontroleerd (gebruik verify-full met --ca-file om dat te doen).',
  'cli.board.tls.plain': 'Verbinding: NIET versleuteld (de server biedt geen TLS aan, of disable gekozen).',
  'error.board.urlMissing': 'Geef het adres van de database met --database-url of FOTOWACHT_DATABASE_URL.',
  'error.board.urlInvalid': 'Het adres van de database is geen geldig postgres://gebruiker@server/database-adres.',
  'error.board.tlsModeInvalid': 'Onbekende versleutelingsmodus "{mode}": kies disable, prefer, require of verify-full.',
  'error.board.caFileMissing': 'verify-full heeft het CA-certificaat van de server nodig: geef --ca-file.',
  'error.board.caFileUnreadable': 'Het CA-certificaat {path} kan niet worden gelezen.',
  'error.board.unreachable': 'De databaseserver {host} is niet bereikbaar.',
  'error.board.authFailed': 'Aanmelden bij {host} mislukt: gebruikersnaam of wachtwoord klopt niet.',
  'error.board.noDatabase': 'Die database bestaat niet op {host}.',
  'error.board.notAllowed': 'Dat mag deze gebruiker niet in de database van het bestuur ({detail}).',
  'error.board.eraseNotAllowed':
    'In bestuursmodus wist alleen de privacyfunctionaris van het bestuur een persoon; de database van het bestuur weigert het deze gebruiker. Er is niets gewist.',
  'error.board.tlsUnavailable': 'De server {host} biedt geen TLS aan, en versleuteling is vereist.',
  'error.board.tlsCertificate': 'Het certificaat van {host} is niet te vertrouwen ({detail}).',
  'error.board.serverError': 'De databaseserver meldt een fout ({code}: {detail}).',
  'error.board.newerSchema':
    'De database van het bestuur is van een nieuwere Fotowacht (schema {found}; deze versie kent {known}). Werk Fotowacht bij.',
  'error.board.notInitialised': 'Deze database is nog niet ingericht: voer eerst fotowacht server init uit.',
  'error.board.initNotAllowed':
    'Inrichten mislukt: de gebruiker moet eigenaar van de database zijn en rollen mogen aanmaken (CREATEROLE) ({detail}).',
  'error.board.schoolCodeInvalid': 'Schoolcode "{code}" is ongeldig: letters, cijfers en . _ -, hoogstens 32 tekens.',
  'error.board.schoolNameInvalid': 'Geef de naam van de school (hoogstens 200 tekens).',
  'error.board.schoolExists': 'School {code} bestaat al.',
  'error.board.schoolUnknown': 'School {code} bestaat niet (voeg hem toe met fotowacht server add-school).',
  'error.board.schoolRequired': 'Een gebruiker met rol {role} hoort bij een school: geef --school.',
  'error.board.schoolNotForRole': 'Rol {role} geldt voor het hele bestuur: geef geen --school.',
  'error.board.userNameInvalid':
    'Inlognaam "{name}" is ongeldig: kleine letters, cijfers en . _ -, beginnend met een letter, niet pg_ of fotowacht….',
  'error.board.roleInvalid': 'Onbekende rol "{role}": kies uit {roles}.',
  'error.board.userExists': 'Er bestaat al een databasegebruiker {name}.',
  'error.board.passwordTooShort': 'Het wachtwoord moet minstens 12 tekens hebben.',
  'error.board.passwordMissing': 'Geen wachtwoord: geef --password-stdin, PGPASSWORD of een wachtwoord in het adres.',
  'error.board.superuserRefused':
    '{user} is een superuser van de server en omzeilt de beveiliging per school: koppel met een eigen gebruiker.',
  'error.board.notABoardUser': '{user} is geen gebruiker van dit bestuur (maak hem aan met fotowacht server add-user).',
  'error.board.keyStoreUnavailable':
    'De sleutelbos van dit systeem is niet bereikbaar, dus het wachtwoord kan niet veilig worden bewaard; er is niets opgeslagen ({detail}).',
  'error.board.notSignedIn':
    'Deze computer heeft geen wachtwoord voor de database van het bestuur in de sleutelbos: koppel opnieuw met fotowacht connect.',
  'cli.board.description': 'deze computer en de database van het bestuur: de lokale kopie van het register',
  'cli.board.refresh.description':
    'haal het register van je school opnieuw op van de server (lokale kopie, alleen-lezen; tijd en hash noemen de kopie)',
  'cli.board.refresh.school': 'code van de school (alleen voor een gebruiker van meer scholen)',
  'cli.board.refresh.done':
    'Register van school {school} opgehaald: {people} personen, {records} toestemmingsversies (hash {hash}…, {at}).',
  'cli.board.refresh.changes':
    'Nieuw of gewijzigd in de kopie: {people} personen, {channels} kanalen, {records} toestemmingsversies, {imports} imports.',
  'error.board.notConnected':
    'Deze computer werkt zonder bestuur (eigen register): koppel eerst met fotowacht connect.',
  'error.board.schoolNotVisible': 'School {code} bestaat niet of hoort niet bij deze gebruiker.',
  'error.board.noSchool': 'Deze gebruiker hoort bij geen enkele school van het bestuur.',
  'error.board.schoolChoose': 'Deze gebruiker werkt voor meer scholen ({schools}): kies er één met --school.',
  'error.board.snapshotOtherSchool':
    'Deze computer heeft een kopie van het register van school {held}; voor school {wanted} is een eigen, lege gegevensmap nodig (--data-dir).',
  'error.board.localRegistry':
    'Deze computer heeft een eigen toestemmingsregister ({people} personen, {records} toestemmingsversies, {imports} imports die niet van het bestuur komen). Zet het eerst over naar het bestuur met fotowacht board migrate, of begin met een lege gegevensmap (--data-dir); er is niets veranderd.',
  'error.board.registryBusy':
    'Het register van de school veranderde steeds terwijl deze wijziging werd voorbereid ({attempts} pogingen); probeer het opnieuw. Er is niets opgeslagen.',
} as const;

export const boardEn = {
  'ui.audit.action.board.migrate': "The board's database set up or updated",
  'ui.audit.action.board.school.add': 'School added to the board',
  'ui.audit.action.board.user.add': 'Board user created',
  'ui.audit.action.board.connect': "Computer connected to the board's database",
  'cli.server.description': "set up a school board's shared database (PostgreSQL): schema, schools, users",
  'cli.server.databaseUrl':
    'database address: postgres://user@server:5432/database (password from PGPASSWORD, or in the address; also FOTOWACHT_DATABASE_URL)',
  'cli.server.tls':
    'encryption: prefer (default: TLS when the server offers it), require, verify-full (with --ca-file), disable',
  'cli.server.caFile': "the server's CA certificate (for verify-full)",
  'cli.server.init.description':
    'create or update the schema: tables, roles (privacy officer, administration, communications, auditor) and per-school security',
  'cli.server.init.done': "The board's database is ready: schema version {version} (applied now: {applied}).",
  'cli.server.init.roles': 'Group roles: {roles}',
  'cli.server.addSchool.description': 'add a school (code and name)',
  'cli.server.addSchool.code': "the school's short code, e.g. its BRIN number (letters, digits, . _ -)",
  'cli.server.addSchool.name': "the school's name",
  'cli.server.addSchool.done': 'School {code} added: {name}.',
  'cli.server.addUser.description':
    "create a user: their own database login, a member of their role's group role, mapped to their school",
  'cli.server.addUser.name': 'login name (lower-case letters, digits, . _ -)',
  'cli.server.addUser.role': 'role: privacy_officer, school_admin, communications or auditor',
  'cli.server.addUser.school': "the school's code (repeatable; needed for school_admin and communications)",
  'cli.server.addUser.passwordStdin': 'read the password from stdin (else Fotowacht makes one)',
  'cli.server.addUser.done': 'User {name} created as {role}{schools}.',
  'cli.server.addUser.password': 'Password (shown only now, hand it on safely): {password}',
  'cli.server.verify.description': "check the hash chain of the board's audit trail",
  'cli.server.head.description': "show the current head of the board's audit trail (number and seal) to keep",
  'cli.server.report.description':
    "a report of the board's audit trail for a period (CSV or PDF), with the check of the whole chain",
  'cli.server.checkpoint.description':
    "sign the current head of the board's audit trail with your private key (the privacy officer)",
  'cli.connect.description':
    "connect this computer to the board's database: test the connection, keep the password in the system key store",
  'cli.connect.passwordStdin': 'read the password from stdin',
  'cli.connect.done': 'Connected as {user} ({role}) to {url}; schools: {schools}.',
  'cli.connect.keyStore': "Password kept in this system's key store, not in a file.",
  'cli.board.tls.verified': "Connection: encrypted (TLS), the server's certificate checked.",
  'cli.board.tls.unverified':
    'Connection: encrypted (TLS), certificate not checked (use verify-full with --ca-file for that).',
  'cli.board.tls.plain': 'Connection: NOT encrypted (the server offers no TLS, or disable was chosen).',
  'error.board.urlMissing': "Give the database's address with --database-url or FOTOWACHT_DATABASE_URL.",
  'error.board.urlInvalid': "The database's address is not a valid postgres://user@server/database address.",
  'error.board.tlsModeInvalid': 'Unknown encryption mode "{mode}": choose disable, prefer, require or verify-full.',
  'error.board.caFileMissing': "verify-full needs the server's CA certificate: give --ca-file.",
  'error.board.caFileUnreadable': 'The CA certificate {path} cannot be read.',
  'error.board.unreachable': 'The database server {host} cannot be reached.',
  'error.board.authFailed': 'Signing in to {host} failed: wrong user name or password.',
  'error.board.noDatabase': 'That database does not exist on {host}.',
  'error.board.notAllowed': "This user may not do that in the board's database ({detail}).",
  'error.board.eraseNotAllowed':
    "In board mode only the board's privacy officer erases a person; the board's database refuses it for this user. Nothing was erased.",
  'error.board.tlsUnavailable': 'The server {host} offers no TLS, and encryption is required.',
  'error.board.tlsCertificate': 'The certificate of {host} cannot be trusted ({detail}).',
  'error.board.serverError': 'The database server reports an error ({code}: {detail}).',
  'error.board.newerSchema':
    "The board's database is from a newer Fotowacht (schema {found}; this version knows {known}). Update Fotowacht.",
  'error.board.notInitialised': 'This database is not set up yet: run fotowacht server init first.',
  'error.board.initNotAllowed':
    'Set-up failed: the user must own the database and may create roles (CREATEROLE) ({detail}).',
  'error.board.schoolCodeInvalid': 'School code "{code}" is invalid: letters, digits and . _ -, at most 32 characters.',
  'error.board.schoolNameInvalid': "Give the school's name (at most 200 characters).",
  'error.board.schoolExists': 'School {code} already exists.',
  'error.board.schoolUnknown': 'School {code} does not exist (add it with fotowacht server add-school).',
  'error.board.schoolRequired': 'A user with role {role} belongs to a school: give --school.',
  'error.board.schoolNotForRole': 'Role {role} covers the whole board: give no --school.',
  'error.board.userNameInvalid':
    'Login name "{name}" is invalid: lower-case letters, digits and . _ -, starting with a letter, not pg_ or fotowacht….',
  'error.board.roleInvalid': 'Unknown role "{role}": choose from {roles}.',
  'error.board.userExists': 'A database user {name} already exists.',
  'error.board.passwordTooShort': 'The password must have at least 12 characters.',
  'error.board.passwordMissing': 'No password: give --password-stdin, PGPASSWORD or a password in the address.',
  'error.board.superuserRefused':
    "{user} is a superuser of the server and bypasses the per-school security: connect with a user of one's own.",
  'error.board.notABoardUser': '{user} is not a user of this board (create them with fotowacht server add-user).',
  'error.board.keyStoreUnavailable':
    "This system's key store cannot be reached, so the password cannot be kept safely; nothing was stored ({detail}).",
  'error.board.notSignedIn':
    "This computer has no password for the board's database in the key store: connect again with fotowacht connect.",
  'cli.board.description': "this computer and the board's database: the local copy of the registry",
  'cli.board.refresh.description':
    "fetch your school's registry from the server again (local read-only copy; its time and hash name it)",
  'cli.board.refresh.school': "the school's code (only for a user of several schools)",
  'cli.board.refresh.done':
    "School {school}'s registry fetched: {people} people, {records} consent versions (hash {hash}…, {at}).",
  'cli.board.refresh.changes':
    'New or changed in the copy: {people} people, {channels} channels, {records} consent versions, {imports} imports.',
  'error.board.notConnected':
    'This computer works without a board (its own registry): connect it first with fotowacht connect.',
  'error.board.schoolNotVisible': "School {code} does not exist or is not one of this user's.",
  'error.board.noSchool': "This user belongs to none of the board's schools.",
  'error.board.schoolChoose': 'This user works for several schools ({schools}): choose one with --school.',
  'error.board.snapshotOtherSchool':
    "This computer holds a copy of school {held}'s registry; school {wanted} needs an empty data folder of its own (--data-dir).",
  'error.board.localRegistry':
    'This computer has a consent registry of its own ({people} people, {records} consent versions, {imports} imports that did not come from the board). Move it into the board first with fotowacht board migrate, or start from an empty data folder (--data-dir); nothing was changed.',
  'error.board.registryBusy':
    "The school's registry kept changing while this change was prepared ({attempts} attempts); try again. Nothing was saved.",
} as const satisfies Record<keyof typeof boardNl, string>;
