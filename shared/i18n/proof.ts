// Dutch and English text of the trail's proof outside the database (anchors, signed checkpoints) and of erasure.
export const proofNl = {
  'ui.audit.personal': 'persoonsgegevens',
  'ui.audit.personalErased': 'gewist (het zegel van deze regel klopt nog)',
  'ui.audit.action.person.erased': 'Persoon gewist',
  'ui.audit.action.audit.checkpoint': 'Ondertekend controlepunt gemaakt',
  'ui.chooseFile.auditPrivateKey': 'Kies uw privésleutel (PEM)',
  'ui.chooseFile.pemFilter': 'Sleutelbestand (PEM)',
  'ui.chooseFile.auditCheckpoint': 'Controlepunt opslaan',
  'ui.chooseFile.jsonFilter': 'JSON-bestand',
  'ui.audit.proof.title': 'Bewijs buiten de database',
  'ui.audit.proof.intro':
    'Wie de database kan wijzigen, kan het logboek inkorten of herschrijven en opnieuw verzegelen. Bewaar daarom de stand van het logboek buiten deze computer: elk exportmanifest en elk rapport bevat haar, en hier kunt u haar kopiëren of ondertekenen.',
  'ui.audit.head.label': 'Huidige stand (nummer:zegel)',
  'ui.audit.head.copy': 'Kopiëren',
  'ui.audit.head.copied': 'Gekopieerd. Controleer later met: fotowacht audit verify --anchor {anchor}',
  'ui.audit.checkpoint.intro':
    'Ondertekend controlepunt: kies de privésleutel van de privacyfunctionaris (gemaakt met "fotowacht audit keygen", bewaard buiten de gegevensmap) en waar het controlepunt moet komen.',
  'ui.audit.checkpoint.key': 'Privésleutel',
  'ui.audit.checkpoint.key.placeholder': 'Pad naar fotowacht-audit-private.pem',
  'ui.audit.checkpoint.path': 'Controlepunt opslaan als',
  'ui.audit.checkpoint.path.placeholder': 'Pad voor het nieuwe bestand, bijv. E:\\logboek-controlepunt.json',
  'ui.audit.checkpoint.make': 'Controlepunt maken',
  'ui.audit.checkpoint.busy': 'Ondertekenen…',
  'ui.audit.checkpoint.made': 'Controlepunt geschreven: {path} (stand {seq}, sleutel {fingerprint}).',
  'audit.reason.truncated': 'het logboek is ingekort: het eindigt vóór een verankerde regel',
  'audit.reason.resealed': 'een verankerde regel is niet meer dezelfde (herschreven en opnieuw verzegeld)',
  'audit.reason.details': 'persoonsgegevens buiten de keten passen niet meer bij hun vingerafdruk',
  'audit.verify.anchors': 'Ankers gecontroleerd: {count}.',
  'audit.verify.erased': 'Regels met gewiste persoonsgegevens: {count} (hun zegel klopt nog).',
  'audit.checkpoint.ok': 'Controlepunt {path}: handtekening klopt (sleutel {fingerprint}), stand {seq}, gemaakt {at}.',
  'audit.checkpoint.untrustedKey':
    'Let op: gecontroleerd met de sleutel ín het bestand. Vergelijk de vingerafdruk met uw eigen sleutel, of geef --public-key.',
  'report.anchor': 'Stand van het logboek (anker)',
  'report.anchorHelp':
    'Bewaar dit rapport: "fotowacht audit verify --anchor <nummer>:<zegel>" (of de QR-code) bewijst later dat het logboek tot hier niet is ingekort of herschreven.',
  'cli.audit.verify.anchor': 'anker <nummer>:<zegel> uit een manifest, rapport of notitie (herhaalbaar)',
  'cli.audit.verify.anchorFile':
    'bestand met een anker: manifest.json/.csv, logboekrapport (CSV) of controlepunt (herhaalbaar)',
  'cli.audit.verify.checkpoint': 'ondertekend controlepunt (herhaalbaar)',
  'cli.audit.verify.publicKey': 'openbare sleutel (PEM) waarmee controlepunten ondertekend moeten zijn',
  'cli.audit.keygen.description':
    'maak een sleutelpaar voor ondertekende controlepunten (de privésleutel blijft bij de privacyfunctionaris, nooit in de gegevensmap)',
  'cli.audit.keygen.out': 'map voor de sleutels (buiten de gegevensmap, bijv. een USB-stick)',
  'cli.audit.keygen.written':
    'Sleutels geschreven: {private} (privé: bewaar veilig) en {public}. Vingerafdruk: {fingerprint}',
  'cli.audit.checkpoint.description': 'onderteken de huidige stand van het logboek met uw privésleutel',
  'cli.audit.checkpoint.key': 'privésleutel (PEM) van audit keygen',
  'cli.audit.checkpoint.out': 'bestand voor het controlepunt',
  'cli.audit.checkpoint.written': 'Controlepunt geschreven: {path} (stand {seq}:{hash}).',
  'cli.audit.head.description': 'toon de huidige stand van het logboek (nummer en zegel) om te bewaren',
  'error.audit.anchor.invalid': 'Ongeldig anker: {value}. Verwacht: <nummer>:<zegel van 64 tekens>.',
  'error.audit.anchor.fileInvalid': 'In {path} staat geen stand van het logboek.',
  'error.audit.key.insideDataDir':
    'De map {dir} ligt in de gegevensmap van Fotowacht. Een privésleutel hoort daar niet: kies een map buiten de gegevensmap.',
  'error.audit.key.exists': 'Het bestand {path} bestaat al; een bestaande sleutel wordt niet overschreven.',
  'error.audit.key.invalid': 'Dit is geen Ed25519-sleutel in PEM-vorm.',
  'error.audit.key.unreadable': 'Het sleutelbestand {path} kan niet worden gelezen.',
  'error.audit.checkpoint.invalid': '{path} is geen controlepunt van Fotowacht.',
  'error.audit.checkpoint.unreadable': 'Het bestand {path} kan niet worden gelezen.',
  'error.audit.checkpoint.wrongKey':
    'Controlepunt {path} is niet met deze sleutel ondertekend (sleutel {fingerprint}).',
  'error.audit.checkpoint.signatureInvalid':
    'De handtekening van controlepunt {path} klopt niet: het bestand is na ondertekening gewijzigd of vervalst.',
};

export const proofEn = {
  'ui.audit.personal': 'personal details',
  'ui.audit.personalErased': 'erased (this entry’s seal still holds)',
  'ui.audit.action.person.erased': 'Person erased',
  'ui.audit.action.audit.checkpoint': 'Signed checkpoint made',
  'ui.chooseFile.auditPrivateKey': 'Choose your private key (PEM)',
  'ui.chooseFile.pemFilter': 'Key file (PEM)',
  'ui.chooseFile.auditCheckpoint': 'Save checkpoint',
  'ui.chooseFile.jsonFilter': 'JSON file',
  'ui.audit.proof.title': 'Proof outside the database',
  'ui.audit.proof.intro':
    'Whoever can change the database can cut the trail short or rewrite and re-seal it. So keep the head of the trail outside this computer: every export manifest and every report holds it, and here you can copy or sign it.',
  'ui.audit.head.label': 'Current head (number:seal)',
  'ui.audit.head.copy': 'Copy',
  'ui.audit.head.copied': 'Copied. Check later with: fotowacht audit verify --anchor {anchor}',
  'ui.audit.checkpoint.intro':
    'Signed checkpoint: choose the privacy officer’s private key (made with "fotowacht audit keygen", kept outside the data folder) and where the checkpoint goes.',
  'ui.audit.checkpoint.key': 'Private key',
  'ui.audit.checkpoint.key.placeholder': 'Path to fotowacht-audit-private.pem',
  'ui.audit.checkpoint.path': 'Save checkpoint as',
  'ui.audit.checkpoint.path.placeholder': 'Path for the new file, e.g. E:\\audit-checkpoint.json',
  'ui.audit.checkpoint.make': 'Make checkpoint',
  'ui.audit.checkpoint.busy': 'Signing…',
  'ui.audit.checkpoint.made': 'Checkpoint written: {path} (head {seq}, key {fingerprint}).',
  'audit.reason.truncated': 'the trail was cut short: it ends before an anchored entry',
  'audit.reason.resealed': 'an anchored entry is no longer the same (rewritten and sealed again)',
  'audit.reason.details': 'personal details outside the chain no longer match their fingerprint',
  'audit.verify.anchors': 'Anchors checked: {count}.',
  'audit.verify.erased': 'Entries whose personal details were erased: {count} (their seals still hold).',
  'audit.checkpoint.ok': 'Checkpoint {path}: signature valid (key {fingerprint}), head {seq}, made {at}.',
  'audit.checkpoint.untrustedKey':
    'Note: checked with the key inside the file. Compare the fingerprint with your own key, or pass --public-key.',
  'report.anchor': 'Head of the audit trail (anchor)',
  'report.anchorHelp':
    'Keep this report: "fotowacht audit verify --anchor <number>:<seal>" (or the QR code) later proves the trail was not cut short or rewritten up to here.',
  'cli.audit.verify.anchor': 'anchor <number>:<seal> from a manifest, report or note (repeatable)',
  'cli.audit.verify.anchorFile':
    'file holding an anchor: manifest.json/.csv, audit report (CSV) or checkpoint (repeatable)',
  'cli.audit.verify.checkpoint': 'signed checkpoint (repeatable)',
  'cli.audit.verify.publicKey': 'public key (PEM) that checkpoints must be signed with',
  'cli.audit.keygen.description':
    'make a key pair for signed checkpoints (the private key stays with the privacy officer, never in the data folder)',
  'cli.audit.keygen.out': 'folder for the keys (outside the data folder, e.g. a USB stick)',
  'cli.audit.keygen.written':
    'Keys written: {private} (private: keep it safe) and {public}. Fingerprint: {fingerprint}',
  'cli.audit.checkpoint.description': 'sign the current head of the audit trail with your private key',
  'cli.audit.checkpoint.key': 'private key (PEM) from audit keygen',
  'cli.audit.checkpoint.out': 'file for the checkpoint',
  'cli.audit.checkpoint.written': 'Checkpoint written: {path} (head {seq}:{hash}).',
  'cli.audit.head.description': 'show the current head of the audit trail (number and seal) to keep',
  'error.audit.anchor.invalid': 'Invalid anchor: {value}. Expected: <number>:<64-character seal>.',
  'error.audit.anchor.fileInvalid': '{path} holds no head of the audit trail.',
  'error.audit.key.insideDataDir':
    'The folder {dir} is inside Fotowacht’s data folder. A private key does not belong there: choose a folder outside it.',
  'error.audit.key.exists': 'The file {path} already exists; an existing key is never overwritten.',
  'error.audit.key.invalid': 'This is not an Ed25519 key in PEM form.',
  'error.audit.key.unreadable': 'The key file {path} cannot be read.',
  'error.audit.checkpoint.invalid': '{path} is not a Fotowacht checkpoint.',
  'error.audit.checkpoint.unreadable': 'The file {path} cannot be read.',
  'error.audit.checkpoint.wrongKey': 'Checkpoint {path} was not signed with this key (key {fingerprint}).',
  'error.audit.checkpoint.signatureInvalid':
    'The signature of checkpoint {path} does not hold: the file was changed after signing, or forged.',
} as const satisfies Record<keyof typeof proofNl, string>;
