// Board migration 005 (erasure, clips, channel deletion) over a board at version 4 with a school, users and rows:
// erase_person() runs for the board's privacy officer only and does what a laptop's erasure does (a pseudonymous
// shell; reasons, links, override reasons and personal details — of the board's trail and of a laptop segment — gone;
// versions and export rows kept); a trigger refuses anyone else marking or changing an erased person; the clip tables
// sit behind row-level security per school; a school's administrator may delete a channel nothing refers to. A laptop
// segment whose personal details the privacy officer erased still verifies, because a sealed board event says so.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sealAuditEvent } from '../../../electron/core/audit';
import {
  addSchool,
  addUser,
  boardAudited,
  boardMigrations,
  migrateBoard,
  verifyLaptopSegments,
  type BoardConnection,
} from '../../../electron/core/board';
import type { JsonValue } from '../../../shared/types';
import { createBoardDatabase, type TestBoard } from '../../helpers/board';
import { postgresMissing, useTestCluster } from '../../helpers/postgres';

const missing = postgresMissing();
if (missing) console.warn(missing);

const HASH = 'c'.repeat(64);

describe.skipIf(missing !== null)('board migration 005: erasure and clips', () => {
  const cluster = useTestCluster();
  let board: TestBoard;
  const open: BoardConnection[] = [];
  const as = async (user: string) => {
    const connection = await board.connect(user);
    open.push(connection);
    return connection.client;
  };
  const ids = { a: 0, b: 0, pupil: 0, record: 0, segment: 0, exportA: 0, pseudonym: '' };

  beforeAll(async () => {
    board = await createBoardDatabase(cluster(), 'board_mig_005');
    const owner = await as('board_it');
    expect(await migrateBoard(owner, boardMigrations.slice(0, 4))).toEqual([1, 2, 3, 4]);
    ids.a = (await addSchool(owner, 'A', 'De Akker')).id;
    ids.b = (await addSchool(owner, 'B', 'De Boog')).id;
    for (const [name, kind, schools] of [
      ['admin.a', 'school_admin', ['A']],
      ['comm.a', 'communications', ['A']],
      ['comm.b', 'communications', ['B']],
      ['auditor', 'auditor', []],
      ['privacy', 'privacy_officer', []],
    ] as const) {
      const made = await addUser(owner, { roleName: name, kind, schools: [...schools] });
      board.passwords.set(name, made.password!);
    }
    // School A: a pupil with a consent version and its reason, a linked region, an export item showing her with an
    // override reason, and a laptop segment of one event whose personal details are about her.
    const admin = await as('admin.a');
    const pupil = await admin.query<{ id: string; pseudonym: string }>(
      `INSERT INTO fotowacht.people (school_id, kind, external_key, roepnaam, achternaam, class_name, birth_date)
       VALUES ($1, 'pupil', '1001', 'Zoë', 'Bakker', 'Groep 5', '2017-03-12') RETURNING id, pseudonym`,
      [ids.a],
    );
    ids.pupil = Number(pupil.rows[0]!.id);
    ids.pseudonym = pupil.rows[0]!.pseudonym;
    ids.record = Number(
      (
        await admin.query(
          `INSERT INTO fotowacht.consent_records (school_id, person_id, school_year, channel_id, version, status,
             effective_from, source) VALUES ($1, $2, '2026-2027', 'website', 1, 'granted', '2026-09-01', 'manual')
           RETURNING id`,
          [ids.a, ids.pupil],
        )
      ).rows[0].id,
    );
    await admin.query(
      "INSERT INTO fotowacht.consent_reasons (school_id, record_id, reason) VALUES ($1, $2, 'Zoë mag wel')",
      [ids.a, ids.record],
    );
    const comm = await as('comm.a');
    await comm.query(
      "INSERT INTO fotowacht.region_links (school_id, photo_hash, region_key, person_id) VALUES ($1, $2, 'file/x/0', $3)",
      [ids.a, HASH, ids.pupil],
    );
    ids.exportA = Number(
      (
        await comm.query(
          `INSERT INTO fotowacht.exports (school_id, channel_id, publish_date, school_year, workstation, settings, state)
           VALUES ($1, 'website', '2026-10-01', '2026-2027', 'w', '{}', 'done') RETURNING id`,
          [ids.a],
        )
      ).rows[0].id,
    );
    const item = Number(
      (
        await comm.query(
          `INSERT INTO fotowacht.export_items (school_id, export_id, photo_hash, decision, override_reason, state)
           VALUES ($1, $2, $3, 'publish', 'Zoë staat er mooi op', 'done') RETURNING id`,
          [ids.a, ids.exportA, HASH],
        )
      ).rows[0].id,
    );
    await comm.query(
      'INSERT INTO fotowacht.export_item_people (school_id, export_item_id, person_id, consent_record_id) VALUES ($1, $2, $3, $4)',
      [ids.a, item, ids.pupil, ids.record],
    );
    const sealed = sealAuditEvent(
      null,
      { os: 'administratie', name: '' },
      {
        action: 'consent.manual',
        subject: `person:${ids.pseudonym}`,
        personal: { about: [ids.pseudonym], details: { reason: 'Zoë mag wel' } },
      },
      new Date('2026-09-01T08:00:00Z'),
    );
    ids.segment = Number(
      (
        await admin.query(
          `INSERT INTO fotowacht.laptop_segments (school_id, first_hash, last_seq, last_hash, event_count, counts)
           VALUES ($1, $2, 1, $2, 1, '{}') RETURNING id`,
          [ids.a, sealed.row.hash],
        )
      ).rows[0].id,
    );
    const row = sealed.row;
    await admin.query(
      `INSERT INTO fotowacht.laptop_segment_events (school_id, segment_id, seq, at, actor_os, actor_name, action,
         subject, details, prev_hash, hash) VALUES ($1, $2, 1, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        ids.a,
        ids.segment,
        row.at,
        row.actor_os,
        row.actor_name,
        row.action,
        row.subject,
        row.details,
        row.prev_hash,
        row.hash,
      ],
    );
    await admin.query(
      `INSERT INTO fotowacht.laptop_segment_personal (school_id, segment_id, seq, salt, details, about)
       VALUES ($1, $2, 1, $3, $4, $5)`,
      [ids.a, ids.segment, sealed.personal!.salt, sealed.personal!.details, [ids.pseudonym]],
    );
    expect(await migrateBoard(owner)).toEqual([5]);
  }, 120_000);
  afterAll(async () => {
    await Promise.all(open.map((connection) => connection.close()));
  });

  it('is recorded after 004', async () => {
    expect(boardMigrations.find((migration) => migration.version === 5)?.name).toBe('erasure-clips');
  });

  it('refuses erasure to everyone but the privacy officer', async () => {
    for (const user of ['admin.a', 'comm.a', 'auditor', 'comm.b']) {
      const sql = await as(user);
      await expect(sql.query('SELECT fotowacht.erase_person($1)', [ids.pupil])).rejects.toMatchObject({
        code: '42501',
      });
    }
    const admin = await as('admin.a');
    await expect(
      admin.query('UPDATE fotowacht.people SET erased_at = now() WHERE id = $1', [ids.pupil]),
    ).rejects.toMatchObject({ code: '42501' });
    // An ordinary change by the administrator still works (a class, a name).
    await admin.query("UPDATE fotowacht.people SET class_name = 'Groep 6' WHERE id = $1", [ids.pupil]);
  });

  it('erases as the privacy officer: a shell, everything personal gone, versions and export rows kept', async () => {
    const privacy = await as('privacy');
    const segmentsBefore = await verifyLaptopSegments(privacy);
    expect(segmentsBefore).toMatchObject([{ segment: ids.segment, verification: { ok: true } }]);
    const result = await boardAudited(privacy, { os: 'privacy', name: 'FG' }, async (log) => {
      const { rows } = await privacy.query('SELECT fotowacht.erase_person($1) AS result', [ids.pupil]);
      const erased = rows[0].result as { segmentDetailsErased: JsonValue; auditDetailsErased: number[] };
      log({
        action: 'person.erased',
        subject: `person:${ids.pseudonym}`,
        details: {
          segmentDetailsErased: erased.segmentDetailsErased as never,
          erasedDetailsOf: erased.auditDetailsErased,
        },
      });
      return rows[0].result as unknown;
    });
    expect(result).toEqual({
      pseudonym: ids.pseudonym,
      consentReasonsRemoved: 1,
      regionLinksUnlinked: 1,
      overrideReasonsRemoved: 1,
      auditDetailsErased: [],
      segmentDetailsErased: [{ segment: ids.segment, seqs: [1] }],
    });
    const person = await privacy.query(
      `SELECT external_key, roepnaam, achternaam, class_name, birth_date, erased_at IS NOT NULL AS erased, pseudonym
         FROM fotowacht.people WHERE id = $1`,
      [ids.pupil],
    );
    expect(person.rows[0]).toEqual({
      external_key: null,
      roepnaam: null,
      achternaam: '',
      class_name: null,
      birth_date: null,
      erased: true,
      pseudonym: ids.pseudonym,
    });
    const count = async (query: string) => (await privacy.query(query, [ids.pupil])).rows[0].n as number;
    expect(await count('SELECT count(*)::int AS n FROM fotowacht.consent_records WHERE person_id = $1')).toBe(1);
    expect(await count('SELECT count(*)::int AS n FROM fotowacht.export_item_people WHERE person_id = $1')).toBe(1);
    expect(await count('SELECT count(*)::int AS n FROM fotowacht.region_links WHERE person_id = $1')).toBe(0);
    expect(
      (await privacy.query('SELECT count(*)::int AS n FROM fotowacht.export_items WHERE override_reason IS NOT NULL'))
        .rows[0].n,
    ).toBe(0);
    expect((await privacy.query('SELECT count(*)::int AS n FROM fotowacht.laptop_segment_personal')).rows[0].n).toBe(0);
    // The segment still verifies: the board's sealed erasure event names what went.
    expect(await verifyLaptopSegments(privacy)).toMatchObject([
      { segment: ids.segment, verification: { ok: true, detailsErased: 1 } },
    ]);
    // Details deleted behind the trail's back (by the tables' owner, with no erasure event) do not verify.
    const other = sealAuditEvent(
      null,
      { os: 'administratie', name: '' },
      { action: 'consent.manual', subject: 'person:other', personal: { about: ['other'], details: { reason: 'x' } } },
      new Date('2026-09-02T08:00:00Z'),
    );
    const admin = await as('admin.a');
    const second = Number(
      (
        await admin.query(
          `INSERT INTO fotowacht.laptop_segments (school_id, first_hash, last_seq, last_hash, event_count, counts)
           VALUES ($1, $2, 1, $2, 1, '{}') RETURNING id`,
          [ids.a, other.row.hash],
        )
      ).rows[0].id,
    );
    const r = other.row;
    await admin.query(
      `INSERT INTO fotowacht.laptop_segment_events (school_id, segment_id, seq, at, actor_os, actor_name, action,
         subject, details, prev_hash, hash) VALUES ($1, $2, 1, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [ids.a, second, r.at, r.actor_os, r.actor_name, r.action, r.subject, r.details, r.prev_hash, r.hash],
    );
    await admin.query(
      `INSERT INTO fotowacht.laptop_segment_personal (school_id, segment_id, seq, salt, details, about)
       VALUES ($1, $2, 1, $3, $4, '{other}')`,
      [ids.a, second, other.personal!.salt, other.personal!.details],
    );
    const verified = async () =>
      new Map((await verifyLaptopSegments(privacy)).map((entry) => [entry.segment, entry.verification.ok]));
    expect(await verified()).toEqual(
      new Map([
        [ids.segment, true],
        [second, true],
      ]),
    );
    await (await as('board_it')).query('DELETE FROM fotowacht.laptop_segment_personal WHERE segment_id = $1', [second]);
    expect(await verified()).toEqual(
      new Map([
        [ids.segment, true],
        [second, false],
      ]),
    );
    // Erased once: a second call does nothing; nobody but the privacy officer changes the shell afterwards.
    expect((await privacy.query('SELECT fotowacht.erase_person($1) AS r', [ids.pupil])).rows[0].r).toBeNull();
    await expect(
      admin.query("UPDATE fotowacht.people SET external_key = '1001', achternaam = 'Bakker' WHERE id = $1", [
        ids.pupil,
      ]),
    ).rejects.toMatchObject({ code: '42501' });
  });

  it('keeps clip rows per school and lets an administrator delete only an unused channel', async () => {
    const comm = await as('comm.a');
    const clip = Number(
      (
        await comm.query(
          `INSERT INTO fotowacht.export_clips (school_id, export_id, video_hash, output_name, output_sha256, decision,
             hidden_tracks, audio_kept, frames, state) VALUES ($1, $2, $3, 'a.mp4', $3, 'hide', 1, false, 50, 'done')
           RETURNING id`,
          [ids.a, ids.exportA, HASH],
        )
      ).rows[0].id,
    );
    await comm.query(
      'INSERT INTO fotowacht.export_clip_people (school_id, export_clip_id, person_id, consent_record_id) VALUES ($1, $2, $3, $4)',
      [ids.a, clip, ids.pupil, ids.record],
    );
    // A written clip needs its name and hash.
    await expect(
      comm.query(
        `INSERT INTO fotowacht.export_clips (school_id, export_id, video_hash, decision, state)
         VALUES ($1, $2, $3, 'hide', 'done')`,
        [ids.a, ids.exportA, HASH],
      ),
    ).rejects.toMatchObject({ code: '23514' });
    const other = await as('comm.b');
    expect((await other.query('SELECT count(*)::int AS n FROM fotowacht.export_clips')).rows[0].n).toBe(0);
    expect((await other.query('SELECT count(*)::int AS n FROM fotowacht.export_clip_people')).rows[0].n).toBe(0);
    await expect(
      other.query(
        `INSERT INTO fotowacht.export_clips (school_id, export_id, video_hash, decision, state)
         VALUES ($1, $2, $3, 'blocked', 'skipped')`,
        [ids.a, ids.exportA, HASH],
      ),
    ).rejects.toMatchObject({ code: '42501' });
    const auditor = await as('auditor');
    expect((await auditor.query('SELECT count(*)::int AS n FROM fotowacht.export_clips')).rows[0].n).toBe(1);
    await expect(auditor.query('DELETE FROM fotowacht.export_clips')).rejects.toMatchObject({ code: '42501' });

    const admin = await as('admin.a');
    await expect(
      admin.query("DELETE FROM fotowacht.channels WHERE school_id = $1 AND id = 'website'", [ids.a]),
    ).rejects.toMatchObject({ code: '23503' });
    const deleted = await admin.query("DELETE FROM fotowacht.channels WHERE school_id = $1 AND id = 'newsletter'", [
      ids.a,
    ]);
    expect(deleted.rowCount).toBe(1);
    await expect(
      comm.query("DELETE FROM fotowacht.channels WHERE school_id = $1 AND id = 'parent_app'", [ids.a]),
    ).rejects.toMatchObject({ code: '42501' });
  });
});
