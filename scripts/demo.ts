// npm run demo: a sample school in a temp folder — a consent list and an event of generated photos with real XMP
// people regions (an unnamed face, an ambiguous name, a refusal, a form not returned) — driven through the CLI:
// import → index (with face detection) → export for social media → withdrawal → takedown list → audit verify and
// report. Every step is a real CLI call; the output says where the results are.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { localDay } from '../shared/consent';
import { runFotowacht } from './run-fotowacht';
import { writeSampleSchool } from './sample-school';

const demoDir = mkdtempSync(path.join(tmpdir(), 'fotowacht-demo-'));
const dataDir = path.join(demoDir, 'data');
const lang = process.env.FOTOWACHT_LANG === 'en' ? 'en' : 'nl';
// The sample's database is encrypted like a real one; its key goes in a file beside it (a real data folder keeps
// its key in the computer's key store), so the demo leaves nothing in that store.
const keyFile = path.join(demoDir, 'demo-database.key');
writeFileSync(keyFile, randomBytes(32).toString('hex'), { mode: 0o600 });
const env = { ...process.env, FOTOWACHT_DB_KEY_FILE: keyFile };
const say = (nl: string, en: string) => console.log(lang === 'nl' ? nl : en);

function fotowacht(title: string, args: readonly string[], allowFailure = false): void {
  console.log(`\n→ ${title}\n  $ fotowacht ${args.map((arg) => (/\s/.test(arg) ? `"${arg}"` : arg)).join(' ')}`);
  const result = runFotowacht(args, { dataDir, lang, stdio: 'inherit', env });
  if (result.code !== 0 && !allowFailure) {
    say(
      `De demo stopt: "${title}" mislukte (code ${result.code}).`,
      `The demo stopped: "${title}" failed (exit code ${result.code}).`,
    );
    process.exit(result.code ?? 1);
  }
}

say(`Fotowacht-demo in ${demoDir}`, `Fotowacht demo in ${demoDir}`);
const school = await writeSampleSchool(demoDir);
const today = localDay(new Date());
const exportDir = path.join(demoDir, 'export-sociale-media');
const reportPdf = path.join(demoDir, 'logboek.pdf');
const takedownCsv = path.join(demoDir, 'offline-halen.csv');

fotowacht(lang === 'nl' ? 'toestemmingslijst importeren' : 'import the consent list', [
  'consent',
  'import',
  school.consentCsv,
]);
fotowacht(
  lang === 'nl'
    ? 'de map van het evenement indexeren en gezichten zoeken'
    : 'index the event folder and look for faces',
  ['index', school.eventDir],
);
fotowacht(lang === 'nl' ? 'exporteren voor sociale media' : 'export for social media', [
  'export',
  '--event',
  'Sportdag 2026',
  '--channel',
  'social',
  '--date',
  today,
  '--out',
  exportDir,
]);
fotowacht(lang === 'nl' ? 'waar staat Zoë Bakker (1001) online?' : 'where is Zoë Bakker (1001) published?', [
  'audit',
  'where-published',
  '1001',
]);
fotowacht(
  lang === 'nl'
    ? 'ouders van Daniëlle de Groot (1005) trekken toestemming in'
    : "Daniëlle de Groot's (1005) parents withdraw consent",
  ['consent', 'withdraw', '1005', '--channel', 'social', '--reason', 'Brief van ouders'],
);
fotowacht(lang === 'nl' ? 'wat moet offline na die intrekking?' : 'what must come down after that withdrawal?', [
  'audit',
  'takedown',
  '1005',
  '--channel',
  'social',
  '--csv',
  takedownCsv,
]);
fotowacht(lang === 'nl' ? 'logboek controleren' : 'verify the audit trail', ['audit', 'verify']);
fotowacht(lang === 'nl' ? 'logboekrapport (PDF)' : 'audit trail report (PDF)', [
  'audit',
  'report',
  '--from',
  today,
  '--to',
  today,
  '--format',
  'pdf',
  '--out',
  reportPdf,
]);

say('\nKlaar. Bekijk:', '\nDone. Have a look at:');
say(`  foto's en manifest:   ${exportDir}`, `  photos and manifest: ${exportDir}`);
say(`  offline-halen-lijst:  ${takedownCsv}`, `  takedown list:       ${takedownCsv}`);
say(`  logboekrapport:       ${reportPdf}`, `  audit report:        ${reportPdf}`);
say(
  `  gegevensmap:          ${dataDir}  (FOTOWACHT_DB_KEY_FILE="${keyFile}" fotowacht --data-dir "${dataDir}" …)`,
  `  data folder:         ${dataDir}  (FOTOWACHT_DB_KEY_FILE="${keyFile}" fotowacht --data-dir "${dataDir}" …)`,
);
