// The worker's status bases (publish/decisionBasis.ts) against deciding photo by photo, on a generated school that
// exercises every rule: pupils and staff with the same names in different classes (settled by the event's classes or
// a tag's class), protected people and names close to them, guests and unknown faces, names without a box, dismissed
// regions, pets, faces not checked, review reasons, consent granted, refused, not returned and withdrawn (last year's
// never counting), photos in two events. On every channel, on days before and after the withdrawals and in the next
// school year, under several settings — and again after each kind of change, with the same bases kept throughout (a
// basis worked out before a change must never answer after it) — the statuses, the people they rest on and the counts
// are exactly what deciding each photo gives.
import { afterEach, describe, expect, it } from 'vitest';
import { openCore, type CoreContext } from '../../electron/core/context';
import { linkRegion } from '../../electron/core/people';
import { decideMany, decisionContext } from '../../electron/core/publish';
import { DecisionBases } from '../../electron/core/publish/decisionBasis';
import { decideMissing, keptCounts } from '../../electron/core/publish/decisionStore';
import { updateSettings } from '../../electron/core/settings';
import { chosenPhotosOfEvent } from '../../electron/core/library';
import { countByStatus } from '../../shared/decisionFilter';
import { seededRandom } from '../helpers/seededRandom';
import { useTempDirs } from '../helpers/tempDir';

const tempDir = useTempDirs();
const cores: CoreContext[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
});

const FIRST = ['Zoë', 'Sem', 'Noah', 'Lotte', 'Daan', 'Emma', 'Bram', 'Julia'];
const LAST = ['Bakker', 'de Vries', 'Jansen', 'Vos', 'Visser'];
const CLASSES = ['Groep 3', 'Groep 5', 'Groep 6', 'Groep 8'];
const CHANNELS = ['schoolgids', 'website', 'social', 'newsletter', 'parent_app'];
const AT = '2026-09-01T08:00:00Z';

/** A school of 80 people and two events (302 and 60 photos, 20 in both) written straight into a new database. */
function generatedSchool() {
  const core = openCore({ dataDir: tempDir(), osUser: 'communicatie' });
  cores.push(core);
  const db = core.db;
  const random = seededRandom(16);
  const names: string[] = [];
  db.transaction(() => {
    db.prepare('INSERT OR IGNORE INTO school_years (id, starts_on, ends_on) VALUES (?, ?, ?)').run(
      '2025-2026',
      '2025-08-01',
      '2026-07-31',
    );
    db.prepare('INSERT OR IGNORE INTO school_years (id, starts_on, ends_on) VALUES (?, ?, ?)').run(
      '2026-2027',
      '2026-08-01',
      '2027-07-31',
    );
    const person = db.prepare(
      `INSERT INTO people (kind, external_key, roepnaam, tussenvoegsel, achternaam, class_name, birth_date, protected,
         created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const record = db.prepare(
      `INSERT INTO consent_records (person_id, school_year, channel_id, version, status, signed_by, effective_from,
         source, actor, recorded_at) VALUES (?, ?, ?, ?, ?, 'parent', ?, ?, 'test', ?)`,
    );
    for (let p = 1; p <= 80; p += 1) {
      const first = random.pick(FIRST);
      const last = random.pick(LAST);
      const [tussenvoegsel, achternaam] = last.includes(' ') ? last.split(' ') : [null, last];
      // Some turn 16 this school year, some are staff without a class.
      const staff = random.int(10) === 0;
      const born = `20${random.pick(['10', '10', '14', '16'])}-${String(1 + random.int(12)).padStart(2, '0')}-15`;
      person.run(
        staff ? 'staff' : 'pupil',
        `k${p}`,
        first,
        tussenvoegsel,
        achternaam,
        staff ? null : random.pick(CLASSES),
        born,
        random.int(15) === 0 ? 1 : 0,
        AT,
        AT,
      );
      names.push(`${first} ${last}`);
      for (const channel of CHANNELS) {
        if (random.int(6) === 0) continue;
        record.run(p, '2025-2026', channel, 1, 'granted', '2025-09-01', 'import', AT);
        const status = random.pick(['granted', 'granted', 'granted', 'refused', 'not_returned'] as const);
        record.run(p, '2026-2027', channel, 1, status, '2026-09-01', 'import', AT);
        if (status === 'granted' && random.int(5) === 0) {
          record.run(p, '2026-2027', channel, 2, 'withdrawn', '2026-10-15', 'withdrawal', AT);
        }
      }
    }
    // Two Noor Kuipers (groep 4 and 7): which one a tag means is settled by the classes named in its event.
    for (const [p, first, className] of [
      [81, 'Noor', 'Groep 4'],
      [82, 'Noor', 'Groep 7'],
      [83, 'Tim', 'Groep 7'],
    ] as const) {
      person.run('pupil', `k${p}`, first, null, 'Kuiper', className, '2016-01-01', 0, AT, AT);
      for (const channel of CHANNELS) record.run(p, '2026-2027', channel, 1, 'granted', '2026-09-01', 'import', AT);
    }
    db.prepare("INSERT INTO library_roots (path, added_at) VALUES ('/school', ?)").run(AT);
    const event = db.prepare('INSERT INTO events (root_id, name, folder_path, created_at) VALUES (1, ?, ?, ?)');
    event.run('Sportdag', '/school/sportdag', AT);
    event.run('Kerstviering', '/school/kerst', AT);
    const photo = db.prepare(
      `INSERT INTO photos (hash, format, width, height, display_width, display_height, indexed_at, faces_detected_with,
         review_reasons) VALUES (?, 'jpeg', 6000, 4000, 6000, 4000, ?, ?, ?)`,
    );
    const file = db.prepare(
      'INSERT INTO photo_files (path, photo_hash, event_id, size, mtime_ms, indexed_at) VALUES (?, ?, ?, 1, 1, ?)',
    );
    const region = db.prepare(
      `INSERT INTO regions (photo_hash, source, namespace, kind, x, y, w, h, name, raw, person_id, created_at,
         dismissed_at, guest_at) VALUES (@hash, @source, 'test', @kind, @x, @y, @w, @h, @name, @raw, @person, '${AT}',
         @dismissed, @guest)`,
    );
    for (let i = 0; i < 342; i += 1) {
      const hash = i.toString(16).padStart(64, '0');
      const review = random.int(20) === 0 ? '[{"code":"metadataUnreadable","params":{}}]' : '[]';
      const checked = random.int(10) === 0 && i < 340 ? null : 'test';
      photo.run(hash, AT, checked, i < 340 ? review : '[]');
      if (i < 300 || i >= 340) file.run(`/school/sportdag/${i}.jpg`, hash, 1, AT);
      if (i >= 280) file.run(`/school/kerst/${i}.jpg`, hash, 2, AT);
      for (let r = i < 340 ? random.int(7) : 0; r > 0; r -= 1) {
        const boxed = random.int(8) !== 0;
        const size = random.int(6) === 0 ? 0.3 + random.next() * 0.3 : 0.03 + random.next() * 0.08;
        const named = random.int(6);
        const name =
          named < 3
            ? random.pick(names)
            : named === 3
              ? `${random.pick(FIRST)} ${random.pick(LAST)}`.replace('a', 'aa')
              : named === 4
                ? `Gast ${random.int(40)}`
                : '';
        region.run({
          hash,
          source: name === '' ? random.pick(['detector', 'user']) : 'file',
          kind: random.pick(['face', 'face', 'face', 'face', 'pet', 'other']),
          x: boxed ? random.next() * 0.6 : null,
          y: boxed ? random.next() * 0.6 : null,
          w: boxed ? size : null,
          h: boxed ? size : null,
          name,
          raw: name && random.int(4) === 0 ? JSON.stringify({ tag: `People/${random.pick(CLASSES)}/${name}` }) : '{}',
          person: random.int(8) === 0 ? 1 + random.int(80) : null,
          dismissed: random.int(12) === 0 ? AT : null,
          guest: random.int(12) === 0 ? AT : null,
        });
      }
    }
    // Noor alone on a photo; the photo next to it empty (a test names Tim on it).
    region.run({
      hash: (340).toString(16).padStart(64, '0'),
      source: 'file',
      kind: 'face',
      x: 0.1,
      y: 0.1,
      w: 0.05,
      h: 0.05,
      name: 'Noor Kuiper',
      raw: '{}',
      person: null,
      dismissed: null,
      guest: null,
    });
  })();
  return core;
}

describe("the decision worker's status bases", () => {
  it('decide exactly as photo by photo, before and after every kind of change', { timeout: 120_000 }, () => {
    const core = generatedSchool();
    const db = core.db;
    // Every photo from the bases (none is decided one by one), kept across all the changes below.
    const bases = new DecisionBases(0);
    const seen = new Set<string>();
    const compare = (change: string, queries = CHANNELS.length * 3) => {
      let n = 0;
      for (const eventId of [1, 2]) {
        for (const date of ['2026-10-01', '2026-11-01', '2027-08-15']) {
          for (const channelId of CHANNELS) {
            if (n++ >= queries) return;
            const query = { channelId, date, eventId };
            const label = `${change}: ${channelId} ${date} event ${eventId}`;
            const fast = decideMissing(db, query, Infinity, bases);
            const slow = decideMissing(db, query);
            expect(fast.counts, label).toEqual(slow.counts);
            expect(fast.classes, label).toEqual(slow.classes);
            const byHash = (items: typeof fast.decided) =>
              [...items]
                .map((item) => ({ ...item, people: [...item.people].sort((a, b) => a - b) }))
                .sort((a, b) => (a.photoHash < b.photoHash ? -1 : 1));
            expect(byHash(fast.decided), label).toEqual(byHash(slow.decided));
            // And what the export decides, photo by photo.
            const decisions = decideMany(db, decisionContext(db, channelId, date), chosenPhotosOfEvent(db, eventId));
            const status = new Map(fast.decided.map((item) => [item.photoHash, item.status]));
            for (const { photo, decision } of decisions) {
              expect(status.get(photo.hash), `${label} ${photo.hash}`).toBe(decision.status);
              seen.add(`${decision.status}:${decision.blockers.map((blocker) => blocker.code).join(',')}`);
            }
          }
        }
      }
    };
    compare('first');
    // Every outcome came up, and the blockers the rules know.
    const outcomes = [...seen].join(' ');
    for (const expected of ['publish:', 'hide:', 'needs_review', 'policy.block.protected', 'policy.block.tooMany']) {
      expect(outcomes).toContain(expected);
    }
    for (const code of ['policy.block.noBox', 'policy.block.mainSubject', 'policy.block.protectedSuspect']) {
      expect(outcomes).toContain(code);
    }

    const someRegion = (where: string) =>
      db.prepare(`SELECT id FROM regions WHERE ${where} ORDER BY id LIMIT 1`).pluck().get() as number;
    linkRegion(db, core.actor(), someRegion("name = '' AND dismissed_at IS NULL AND kind = 'face'"), 3);
    compare('a face linked', 4);
    db.prepare('UPDATE regions SET guest_at = ? WHERE id = ?').run(AT, someRegion("name <> '' AND guest_at IS NULL"));
    compare('a name marked guest', 4);
    db.prepare('UPDATE regions SET dismissed_at = ? WHERE id = ?').run(AT, someRegion('dismissed_at IS NULL'));
    compare('a region dismissed', 4);
    db.prepare('UPDATE photos SET faces_detected_with = NULL WHERE hash = (SELECT min(hash) FROM photos)').run();
    compare('faces unchecked', 4);
    // A name on another photo brings groep 7 into the event: Noor Kuiper is now the one of groep 7 (consented), so
    // her photo's status changes although nothing on it did.
    const noorPhoto = (340).toString(16).padStart(64, '0');
    const noor = () =>
      decideMany(db, decisionContext(db, 'social', '2026-10-01'), chosenPhotosOfEvent(db, 1)).find(
        (item) => item.photo.hash === noorPhoto,
      )!.decision.status;
    expect(noor()).toBe('hide');
    db.prepare(
      `INSERT INTO regions (photo_hash, source, namespace, kind, x, y, w, h, name, created_at)
       VALUES (?, 'file', 'test', 'face', 0.1, 0.1, 0.05, 0.05, 'Tim Kuiper', ?)`,
    ).run((341).toString(16).padStart(64, '0'), AT);
    expect(noor()).toBe('publish');
    compare('a name added that settles another', 4);
    db.prepare("UPDATE photo_files SET event_id = 2 WHERE path = '/school/sportdag/7.jpg'").run();
    compare('a photo moved to the other event', 4);
    db.prepare('UPDATE people SET protected = 1, updated_at = ? WHERE id = 5').run('2026-10-02T08:00:00Z');
    compare('a person protected', 4);
    db.prepare(
      `INSERT INTO consent_records (person_id, school_year, channel_id, version, status, effective_from, source, actor,
         recorded_at) SELECT person_id, school_year, channel_id, version + 1, 'withdrawn', '2026-09-20', 'withdrawal',
         'test', ? FROM consent_records WHERE school_year = '2026-2027' AND status = 'granted' LIMIT 5`,
    ).run(AT);
    compare('consent withdrawn', 4);
    updateSettings(db, core.actor(), { maxHiddenPeople: 1, maxHiddenAreaShare: 0.05 });
    compare('settings changed');
    db.prepare('DELETE FROM regions WHERE photo_hash = (SELECT max(hash) FROM photos)').run();
    compare('regions deleted');
  });

  it('answer the kept counts the same as without them; a setting changed decides nothing again', () => {
    const core = generatedSchool();
    const db = core.db;
    const bases = new DecisionBases(0);
    const query = { channelId: 'social', date: '2026-11-01', eventId: 1 };
    const decided = () =>
      countByStatus(
        decideMany(db, decisionContext(db, query.channelId, query.date), chosenPhotosOfEvent(db, 1)).map(
          (item) => item.decision,
        ),
      );
    const first = decided();
    expect(keptCounts(db, query, new Date(), bases)).toEqual({ counts: first, decided: 302, kept: true });
    for (const change of [{ maxHiddenPeople: 1 }, { maxHiddenAreaShare: 0.02 }, { maxHiddenPeople: 6 }]) {
      updateSettings(db, core.actor(), change);
      expect(keptCounts(db, query, new Date(), bases), JSON.stringify(change)).toEqual({
        counts: decided(),
        decided: 0,
        kept: true,
      });
    }
    // The settings did change the counts.
    expect(decided()).not.toEqual(first);
  });
});
