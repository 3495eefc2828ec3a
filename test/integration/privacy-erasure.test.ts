// Erasing a person, as the privacy officer does it from the command line: first the takedown list (no --yes: nothing
// happens, exit 1), then the erasure. Afterwards no byte of the name or the number is left in the database, its WAL,
// the media cache or anywhere else in the data folder, and `audit verify` still passes, naming the erased details.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { proposeMapping } from '../../shared/consentImport';
import { listAuditEvents, verifyAuditTrail } from '../../electron/core/audit';
import {
  commitConsentImport,
  getPerson,
  listChannels,
  readConsentList,
  requirePersonByKey,
  withdrawConsent,
} from '../../electron/core/consent';
import { openCore, type CoreContext } from '../../electron/core/context';
import type { ReadableDb } from '../../electron/core/db';
import { linkRegion } from '../../electron/core/people';
import { SAMPLE_PEOPLE_CSV, SAMPLE_PHOTOS, type SamplePhoto } from '../../scripts/sample-school';
import { fotowacht } from '../helpers/cli';
import { personInImageWDetails, xmpPacket } from '../helpers/photos';
import { indexedSchool, markFacesChecked } from '../helpers/school';
import { useTempDirs } from '../helpers/tempDir';
import { makeClip } from '../helpers/videos';

const tempDir = useTempDirs();
const cores: CoreContext[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
});

// A pupil whose name and number occur nowhere else, so a byte search means what it says.
const NUMBER = '7310452';
const FIRST = 'Xandra';
const LAST = 'Quaadvliet';
const face = (x: number, name: string) => ({ face: { x, y: 0.2, w: 0.07, h: 0.105 }, name });
const PHOTOS: readonly SamplePhoto[] = [
  ...SAMPLE_PHOTOS.slice(0, 2),
  { file: 'IMG_0101.jpg', figures: [face(0.2, `${FIRST} ${LAST}`), face(0.6, 'Zoë Bakker')] },
  { file: 'IMG_0102.jpg', figures: [face(0.4, `${FIRST} ${LAST}`)] },
];

/** Every file under `dir` that contains any of `needles` (as UTF-8 bytes), with the needle found. */
function filesContaining(dir: string, needles: readonly string[]): string[] {
  const found: string[] = [];
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) {
      found.push(...filesContaining(file, needles));
      continue;
    }
    const bytes = readFileSync(file);
    for (const needle of needles) if (bytes.includes(Buffer.from(needle, 'utf8'))) found.push(`${file}: ${needle}`);
  }
  return found;
}

/** Every row of every table as text: what anyone with the key can read. */
function rowsText(db: ReadableDb): string {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
  return tables.map((table) => JSON.stringify(db.prepare(`SELECT * FROM "${table}"`).all())).join('\n');
}

describe('erasing a person', () => {
  it(
    'lists what is published, erases on --yes, leaves no byte of name or number, and the trail still verifies',
    { timeout: 240_000 },
    async () => {
      const dataDir = tempDir();
      // A clip of the same day whose title, comment, keywords and XMP name her (and Zoë, who stays).
      const school = await indexedSchool(dataDir, tempDir(), PHOTOS, ({ eventDir }) => {
        makeClip(path.join(eventDir, 'IMG_0200.mp4'), {
          seconds: 1,
          metadata: {
            title: `Estafette met ${FIRST} ${LAST}`,
            comment: `${LAST.toUpperCase()}, ${FIRST} wint`,
            keywords: `sportdag, ${FIRST} ${LAST}`,
          },
          xmp: xmpPacket(personInImageWDetails([`${FIRST} ${LAST}`, 'Zoë Bakker'])),
        });
      });
      const core = school.core;
      cores.push(core);
      const csv = path.join(tempDir(), 'lijst.csv');
      writeFileSync(
        csv,
        Buffer.from(`${SAMPLE_PEOPLE_CSV}\r\n${NUMBER};${FIRST};;${LAST};Groep 5;04-04-2017;ja;ja;ja`, 'latin1'),
      );
      const source = await readConsentList(csv);
      commitConsentImport(
        core.db,
        core.actor(),
        source,
        proposeMapping(source.rows, listChannels(core.db)),
        '2026-2027',
        {
          now: new Date('2026-09-02T08:00:00Z'),
          today: '2026-09-02',
        },
      );
      const xandra = requirePersonByKey(core.db, NUMBER);
      withdrawConsent(
        core.db,
        core.actor(),
        { personId: xandra.id, channelId: 'newsletter', reason: `Brief van ouders ${LAST}` },
        new Date('2026-09-03T08:00:00Z'),
      );
      const region = core.db
        .prepare('SELECT id FROM regions WHERE name = ? ORDER BY id LIMIT 1')
        .pluck()
        .get(`${FIRST} ${LAST}`) as number;
      linkRegion(core.db, core.actor(), region, xandra.id);
      markFacesChecked(core);
      await core.close();

      const out = path.join(tempDir(), 'website');
      const exported = fotowacht(
        ['export', '--event', 'Sportdag 2026', '--channel', 'website', '--date', '2026-10-01', '--out', out],
        { dataDir },
      );
      expect(exported.code).toBe(0);
      // Before: the name and number are in the database's rows, as they should be while the person is known.
      const before = openCore({ dataDir });
      expect(before.db.prepare('SELECT title, people FROM videos').get()).toEqual({
        title: `Estafette met ${FIRST} ${LAST}`,
        people: JSON.stringify([`${FIRST} ${LAST}`, 'Zoë Bakker']),
      });
      expect(rowsText(before.db)).toContain(LAST);
      expect(rowsText(before.db)).toContain(NUMBER);
      await before.close();

      // Without --yes: the takedown list, nothing erased, exit 1.
      const asked = fotowacht(['people', 'erase', NUMBER, '--reason', 'Verzoek ouders (AVG art. 17)'], { dataDir });
      expect(asked.code).toBe(1);
      expect(asked.stdout).toContain(`To erase: ${FIRST} ${LAST} (${NUMBER})`);
      expect(asked.stdout).toMatch(/Still published with this person visible: 2 files/);
      expect(asked.stdout).toContain('sportdag-2026_0003.jpg');
      expect(asked.stderr).toContain('Nothing erased');
      expect(fotowacht(['consent', 'show', NUMBER], { dataDir }).code).toBe(0);

      const erased = fotowacht(
        ['people', 'erase', NUMBER, '--reason', 'Verzoek ouders (AVG art. 17)', '--yes', '--json'],
        {
          dataDir,
        },
      );
      expect(erased.code).toBe(0);
      const result = erased.json<{
        erased: boolean;
        regionsUnlinked: number;
        tagsRemoved: number;
        keywordsRemoved: number;
        consentReasonsRemoved: number;
        auditDetailsErased: number[];
      }>();
      expect(result).toMatchObject({
        erased: true,
        regionsUnlinked: 1,
        tagsRemoved: 2,
        keywordsRemoved: 2,
        consentReasonsRemoved: 1,
      });
      expect(result.auditDetailsErased).toHaveLength(1);

      // No byte of the name or the number anywhere in the data folder: database, WAL, media, logs. (The database and
      // the media cache are encrypted at rest, so this alone would prove little: the rows are checked below, and
      // privacy-erasure.plain.test.ts searches the bytes of an unencrypted database, free pages and WAL included.)
      expect(filesContaining(dataDir, [FIRST, LAST, NUMBER])).toEqual([]);

      const verify = fotowacht(['audit', 'verify'], { dataDir });
      expect(verify.code).toBe(0);
      expect(verify.stdout).toContain('Entries whose personal details were erased: 1');

      const after = openCore({ dataDir });
      cores.push(after);
      expect(rowsText(after.db)).not.toContain(FIRST);
      expect(rowsText(after.db)).not.toContain(LAST);
      expect(rowsText(after.db)).not.toContain(NUMBER);
      expect(verifyAuditTrail(after.db)).toMatchObject({ ok: true, detailsErased: 1 });
      // The shell row keeps the foreign keys; consent records stay as status and dates.
      expect(getPerson(after.db, xandra.id)).toMatchObject({
        externalKey: null,
        roepnaam: null,
        achternaam: '',
        className: null,
        birthDate: null,
      });
      expect(after.db.prepare('SELECT count(*) FROM consent_records WHERE person_id = ?').pluck().get(xandra.id)).toBe(
        4, // three channels from the import, and the withdrawal
      );
      const events = listAuditEvents(after.db, { limit: 50 });
      expect(events[0]).toMatchObject({ action: 'person.erased' });
      expect(events.find((event) => event.action === 'consent.withdraw')).toMatchObject({ personal: null });
      // The clip lost every mention of her (the comment names her surname first), kept the rest.
      expect(after.db.prepare('SELECT title, comment, keywords, people FROM videos').get()).toEqual({
        title: null,
        comment: null,
        keywords: JSON.stringify(['sportdag']),
        people: JSON.stringify(['Zoë Bakker']),
      });
      // Zoë on the same photo is untouched.
      expect(after.db.prepare("SELECT count(*) FROM regions WHERE name = 'Zoë Bakker'").pluck().get()).toBeGreaterThan(
        0,
      );
      // Erased once: the number is gone, so a second erasure finds nobody.
      expect(fotowacht(['people', 'erase', NUMBER, '--reason', 'nogmaals', '--yes'], { dataDir }).code).toBe(1);
    },
  );
});
