// The registry: history queries across withdrawals and school years, manual changes, people, channels, migration 002.
import { afterEach, describe, expect, it } from 'vitest';
import { proposeMapping } from '../../shared/consentImport';
import { listAuditEvents, verifyAuditTrail } from '../../electron/core/audit/trail';
import {
  addChannel,
  allPeople,
  commitConsentImport,
  consentHistory,
  consentOn,
  deleteChannel,
  findPersonByKey,
  listChannels,
  listPeople,
  personConsent,
  planConsentImport,
  readConsentList,
  recordManualConsent,
  renameChannel,
  retireChannel,
  withdrawConsent,
} from '../../electron/core/consent';
import { pseudonymOf } from '../../electron/core/consent';
import { openCore, type CoreContext } from '../../electron/core/context';
import { latestSchemaVersion, schemaVersion } from '../../electron/core/db/connection';
import { writeWindows1252Csv } from '../helpers/consentLists';
import { useTempDirs } from '../helpers/tempDir';
import { withoutDigests } from '../helpers/clearText';

const tempDir = useTempDirs();
const YEAR = '2026-2027';
const actor = { os: 'administratie', name: 'Els de Wit' };
const cores: CoreContext[] = [];

afterEach(async () => {
  for (const opened of cores.splice(0)) await opened.close();
});

/** A registry with the five pupils of the Excel list, imported on 15 September 2026 at 10:00 UTC. */
async function registry(): Promise<CoreContext> {
  const core = openCore({ dataDir: tempDir(), osUser: 'administratie' });
  cores.push(core);
  const source = await readConsentList(writeWindows1252Csv(tempDir()));
  const mapping = proposeMapping(source.rows, listChannels(core.db));
  commitConsentImport(core.db, actor, source, mapping, YEAR, {
    now: new Date('2026-09-15T10:00:00Z'),
    today: '2026-09-15',
  });
  return core;
}

describe('consentOn: the answer from the history', () => {
  it('answers across a withdrawal date, citing the record it relied on', async () => {
    const { db } = await registry();
    const sem = findPersonByKey(db, '1003')!;
    const granted = consentOn(db, sem.id, 'website', '2026-09-20');
    expect(granted).toMatchObject({ status: 'granted', consented: true, version: 1, schoolYear: YEAR });
    expect(granted.recordId).toBeGreaterThan(0);

    const [withdrawal] = withdrawConsent(
      db,
      actor,
      { personId: sem.id, channelId: 'website', date: '2026-10-01', reason: 'Ouders trekken toestemming in per brief' },
      new Date('2026-10-03T12:00:00Z'),
    );
    expect(withdrawal).toMatchObject({
      status: 'withdrawn',
      source: 'withdrawal',
      effectiveFrom: '2026-10-01',
      version: 2,
    });
    // Before the date: the import's grant. On and after it: withdrawn, with the withdrawal's record id.
    expect(consentOn(db, sem.id, 'website', '2026-09-30')).toMatchObject({
      consented: true,
      recordId: granted.recordId,
    });
    expect(consentOn(db, sem.id, 'website', '2026-10-01')).toMatchObject({
      consented: false,
      status: 'withdrawn',
      recordId: withdrawal!.id,
    });
    expect(consentOn(db, sem.id, 'website', '2027-03-01')).toMatchObject({ consented: false, status: 'withdrawn' });
    // A moment as a timestamp counts too.
    expect(consentOn(db, sem.id, 'website', '2026-09-30T21:59:00Z').consented).toBe(true);
    // Other channels are untouched.
    expect(consentOn(db, sem.id, 'newsletter', '2026-10-02').consented).toBe(true);
  });

  it('takes a withdrawal into effect at once, even for the same day', async () => {
    const { db } = await registry();
    const fleur = findPersonByKey(db, '1005')!;
    withdrawConsent(
      db,
      actor,
      { personId: fleur.id, channelId: 'website', reason: 'Telefonisch ingetrokken' },
      new Date('2026-11-02T14:00:00Z'),
    );
    expect(consentOn(db, fleur.id, 'website', '2026-11-02').consented).toBe(false);
    expect(consentOn(db, fleur.id, 'website', '2026-11-02T13:59:00Z').consented).toBe(true);
    expect(consentOn(db, fleur.id, 'website', '2026-11-02T14:00:00Z').consented).toBe(false);
  });

  it('applies consent only within its school year, and before the import there was none', async () => {
    const { db } = await registry();
    const danielle = findPersonByKey(db, '1001')!;
    expect(consentOn(db, danielle.id, 'website', '2027-07-31').consented).toBe(true);
    expect(consentOn(db, danielle.id, 'website', '2027-08-01')).toMatchObject({
      consented: false,
      status: 'none',
      recordId: null,
      schoolYear: '2027-2028',
    });
    expect(consentOn(db, danielle.id, 'website', '2026-07-31')).toMatchObject({
      consented: false,
      status: 'none',
      schoolYear: '2025-2026',
    });
    expect(consentOn(db, danielle.id, 'website', '2026-09-14')).toMatchObject({ consented: false, status: 'none' });
    expect(consentOn(db, danielle.id, 'social', '2026-09-20')).toMatchObject({ consented: false, status: 'refused' });
    expect(consentOn(db, 9999, 'website', '2026-09-20')).toMatchObject({
      consented: false,
      status: 'none',
      recordId: null,
    });
  });

  it('records manual changes as new versions with actor and reason, and keeps the whole history', async () => {
    const { db } = await registry();
    const zoe = findPersonByKey(db, '1002')!;
    expect(consentOn(db, zoe.id, 'newsletter', '2026-10-01').status).toBe('not_returned');
    const manual = recordManualConsent(
      db,
      actor,
      {
        personId: zoe.id,
        channelId: 'newsletter',
        status: 'granted',
        signedBy: 'parent',
        signedOn: '2026-10-08',
        date: '2026-10-09',
        reason: 'Formulier later ingeleverd',
      },
      new Date('2026-10-09T08:00:00Z'),
    );
    expect(manual).toMatchObject({
      version: 2,
      source: 'manual',
      actor: 'Els de Wit (administratie)',
      reason: 'Formulier later ingeleverd',
      schoolYear: YEAR,
    });
    expect(consentOn(db, zoe.id, 'newsletter', '2026-10-08').consented).toBe(false);
    expect(consentOn(db, zoe.id, 'newsletter', '2026-10-09')).toMatchObject({ consented: true, recordId: manual.id });

    const history = consentHistory(db, zoe.id);
    expect(history).toHaveLength(6);
    expect(history[0]).toMatchObject({ id: manual.id, channelId: 'newsletter', status: 'granted' });
    expect(
      history.filter((r) => r.source === 'import').every((r) => r.importFileName === 'toestemming-2026-2027.csv'),
    ).toBe(true);
    expect(() => db.prepare('UPDATE consent_records SET status = ? WHERE id = ?').run('refused', manual.id)).toThrow(
      /append-only/,
    );

    const view = personConsent(db, zoe.id, '2026-10-10');
    expect(view.channels.map((c) => [c.channelId, c.status])).toEqual([
      ['schoolgids', 'granted'],
      ['website', 'granted'],
      ['social', 'refused'],
      ['newsletter', 'granted'],
      ['parent_app', 'granted'],
    ]);

    const actions = listAuditEvents(db, { limit: 10 }).map((e) => e.action);
    expect(actions).toEqual(['consent.manual', 'consent.import']);
    expect(() =>
      recordManualConsent(db, actor, { personId: zoe.id, channelId: 'website', status: 'granted', reason: '' }),
    ).toThrow(expect.objectContaining({ code: 'consent.reason.required' }));
    expect(() =>
      withdrawConsent(
        db,
        actor,
        { personId: zoe.id, channelId: 'website', date: '2099-01-01', reason: 'te vroeg' },
        new Date('2026-10-09T08:00:00Z'),
      ),
    ).toThrow(expect.objectContaining({ code: 'consent.date.future' }));
  });

  it('withdraws every channel at once and writes one audit event per channel', async () => {
    const { db } = await registry();
    const noah = findPersonByKey(db, '1004')!;
    const records = withdrawConsent(
      db,
      actor,
      { personId: noah.id, channelId: 'all', reason: 'Verhuisd, ouders willen niets meer' },
      new Date('2026-10-01T08:00:00Z'),
    );
    expect(records.map((r) => r.channelId)).toEqual(['newsletter', 'parent_app', 'schoolgids', 'social', 'website']);
    const events = listAuditEvents(db, { limit: 10 }).filter((e) => e.action === 'consent.withdraw');
    expect(events).toHaveLength(5);
    // The chain holds the pseudonym and a commitment; the number and the reason are personal details beside it.
    expect(events[0]!.details).toMatchObject({ person: pseudonymOf(db, noah.id), schoolYear: YEAR, from: 'refused' });
    expect(withoutDigests(JSON.stringify(events[0]!.details))).not.toMatch(/1004|Verhuisd/);
    expect(events[0]!.personal).toEqual({ key: '1004', reason: 'Verhuisd, ouders willen niets meer' });
    expect(verifyAuditTrail(db).ok).toBe(true);
  });
});

describe('people', () => {
  it('lists name parts for matching, searches without accents and case, filters by class', async () => {
    const { db } = await registry();
    const all = listPeople(db, { at: '2026-09-20' });
    expect(all.map((p) => p.achternaam)).toEqual(['Bakker', 'de Vries', 'Hof', 'Horst', 'Jansen']);
    expect(all.find((p) => p.externalKey === '1003')).toMatchObject({
      roepnaam: 'Sem',
      voornamen: 'Sem Johannes',
      tussenvoegsel: "van 't",
      achternaam: 'Hof',
      className: '6A',
      grantedChannels: ['website', 'newsletter', 'parent_app'],
    });
    expect(listPeople(db, { search: 'daniel' }).map((p) => p.externalKey)).toEqual(['1001']);
    expect(listPeople(db, { search: 'ZOE bakker' }).map((p) => p.externalKey)).toEqual(['1002']);
    expect(listPeople(db, { search: "van 't hof" }).map((p) => p.externalKey)).toEqual(['1003']);
    expect(listPeople(db, { className: '5B' }).map((p) => p.externalKey)).toEqual(['1002', '1001']);
    const everyone = allPeople(db, 'pupil');
    expect(everyone).toHaveLength(5);
    expect(everyone[0]).toEqual({
      id: 1,
      kind: 'pupil',
      externalKey: '1001',
      roepnaam: 'Daniëlle',
      voornamen: 'Daniëlle Maria',
      tussenvoegsel: null,
      achternaam: 'de Vries',
      className: '5B',
      birthDate: '2015-03-14',
      protected: false,
      createdAt: '2026-09-15T10:00:00.000Z',
      updatedAt: '2026-09-15T10:00:00.000Z',
    });
    expect(allPeople(db, 'staff')).toEqual([]);
  });
});

describe('channels', () => {
  it('adds, renames and retires channels; a used channel is never deleted; every change is audited', async () => {
    const { db } = await registry();
    const jaarboek = addChannel(db, actor, { labelNl: 'Jaarboek', labelEn: 'Yearbook' });
    expect(jaarboek).toMatchObject({ id: 'jaarboek', sortOrder: 6, used: false, retiredAt: null });
    expect(() => addChannel(db, actor, { labelNl: 'Jaarboek' })).toThrow(
      expect.objectContaining({ code: 'consent.channel.exists' }),
    );
    expect(renameChannel(db, actor, { id: 'jaarboek', labelNl: 'Jaarboek groep 8' })).toMatchObject({
      labelNl: 'Jaarboek groep 8',
      labelEn: 'Yearbook',
    });
    const retired = retireChannel(db, actor, { id: 'website' });
    expect(retired).toMatchObject({ used: true });
    expect(retired.retiredAt).not.toBeNull();
    expect(listChannels(db).map((c) => c.id)).toContain('website');
    expect(listChannels(db, { includeRetired: false }).map((c) => c.id)).not.toContain('website');
    // Old records stay answerable; new imports and manual changes for a retired channel are refused.
    const sem = findPersonByKey(db, '1003')!;
    expect(consentOn(db, sem.id, 'website', '2026-09-20').consented).toBe(true);
    expect(() =>
      recordManualConsent(db, actor, {
        personId: sem.id,
        channelId: 'website',
        status: 'granted',
        reason: 'test reden',
      }),
    ).toThrow(expect.objectContaining({ code: 'consent.channel.retired' }));
    const source = await readConsentList(writeWindows1252Csv(tempDir()));
    const mapping = proposeMapping(source.rows, listChannels(db));
    expect(Object.values(mapping.channels)).not.toContain('website');
    expect(() =>
      planConsentImport(
        db,
        source,
        { ...mapping, channels: { ...mapping.channels, 'Beeldmateriaal website': 'website' } },
        YEAR,
      ),
    ).toThrow(expect.objectContaining({ code: 'consent.mapping.retiredChannel' }));
    expect(() => db.prepare("DELETE FROM consent_records WHERE channel_id = 'website'").run()).toThrow(/append-only/);
    expect(retireChannel(db, actor, { id: 'website', retired: false }).retiredAt).toBeNull();
    // Never used: may go. Used: only retired.
    expect(() => deleteChannel(db, actor, { id: 'website' })).toThrow(
      expect.objectContaining({ code: 'consent.channel.inUse' }),
    );
    const krant = addChannel(db, actor, { labelNl: 'Schoolkrant' });
    deleteChannel(db, actor, { id: krant.id });
    expect(listChannels(db).map((c) => c.id)).not.toContain('schoolkrant');
    expect(listAuditEvents(db, { limit: 10 }).map((e) => e.action)).toEqual([
      'channel.delete',
      'channel.add',
      'channel.reinstate',
      'channel.retire',
      'channel.rename',
      'channel.add',
      'consent.import',
    ]);
  });

  it('refuses to delete a channel that only an export names, and logs nothing', async () => {
    const { db } = await registry();
    const krant = addChannel(db, actor, { labelNl: 'Schoolkrant', labelEn: 'School paper' });
    // An export for a channel nobody has a consent record for (everyone was hidden): written as the export writes it.
    db.prepare(
      `INSERT INTO exports (channel_id, publish_date, school_year, out_dir, settings, state, actor, started_at)
       VALUES (?, '2026-10-01', ?, '/tmp/export', '{}', 'done', 'Els de Wit (administratie)', '2026-10-01T09:00:00Z')`,
    ).run(krant.id, YEAR);
    expect(() => deleteChannel(db, actor, { id: krant.id })).toThrow(
      expect.objectContaining({ code: 'consent.channel.inUse', params: { channel: 'schoolkrant' } }),
    );
    expect(listChannels(db).find((c) => c.id === 'schoolkrant')).toMatchObject({ used: false, retiredAt: null });
    expect(listAuditEvents(db, { limit: 1 }).map((e) => e.action)).toEqual(['channel.add']);
    expect(verifyAuditTrail(db).ok).toBe(true);
  });
});

describe('migration 002: consent', () => {
  it('records who each import listed, add-only, and keeps imports add-only', async () => {
    const { db } = await registry();
    expect(schemaVersion(db)).toBe(latestSchemaVersion());
    expect(db.prepare('SELECT count(*) FROM consent_import_people').pluck().get()).toBe(5);
    expect(() => db.prepare('DELETE FROM consent_import_people').run()).toThrow(/append-only/);
    expect(() => db.prepare("UPDATE consent_imports SET file_name = 'x'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM consent_imports').run()).toThrow(/append-only/);
    const sql = db
      .prepare("SELECT sql FROM sqlite_master WHERE name = 'consent_import_people'")
      .pluck()
      .get() as string;
    expect(sql).toMatch(/STRICT\s*$/);
  });
});
