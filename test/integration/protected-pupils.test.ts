// Protected pupils on a real sample school: marked by hand (logged by pseudonym), every photo they are tagged on,
// or may be on (an ambiguous name, a close name nobody confirmed), is blocked — even where masking would hide them —
// and an export's override lifts that only for the privacy officer, with a reason.
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listAuditEvents, verifyAuditTrail } from '../../electron/core/audit';
import { findPersonByKey, pseudonymOf, setPersonProtected } from '../../electron/core/consent';
import type { CoreContext } from '../../electron/core/context';
import { currentPeopleDirectory, identifyRegion, linkRegion, regionsOfPhoto } from '../../electron/core/people';
import { decideMany, decisionContext, selectPhotos, startExport } from '../../electron/core/publish';
import { grantPrivacyOfficer, privacyOfficers, revokePrivacyOfficer } from '../../electron/core/settings';
import type { SamplePhoto } from '../../scripts/sample-school';
import type { ExportSummary } from '../../shared/publish';
import { indexedSchool, markFacesChecked } from '../helpers/school';
import { useTempDirs } from '../helpers/tempDir';
import { withoutDigests } from '../helpers/clearText';

const tempDir = useTempDirs();
const cores: CoreContext[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
});

const face = (x: number, name: string) => ({ face: { x, y: 0.2, w: 0.06, h: 0.09 }, name });
const PHOTOS: readonly SamplePhoto[] = [
  { file: 'IMG_0001.jpg', figures: [face(0.2, 'Zoë Bakker'), face(0.6, 'Bram ter Horst')] },
  { file: 'IMG_0002.jpg', figures: [face(0.2, 'Zoe Baker'), face(0.6, 'Bram ter Horst')] },
  { file: 'IMG_0003.jpg', figures: [face(0.2, 'Noah Jansen'), face(0.6, 'Bram ter Horst')] },
  { file: 'IMG_0004.jpg', figures: [face(0.6, 'Bram ter Horst')] },
];

async function school() {
  const s = await indexedSchool(tempDir(), tempDir(), PHOTOS);
  cores.push(s.core);
  markFacesChecked(s.core);
  return s;
}

function decide(core: CoreContext, eventId: number, overrides: Record<string, string> = {}, privacyOfficer = false) {
  const context = decisionContext(core.db, 'social', '2026-10-01', { privacyOfficer });
  const decided = decideMany(core.db, context, selectPhotos(core.db, { eventId }), overrides);
  return new Map(decided.map(({ photo, decision }) => [photo.hash, decision]));
}

async function exportEvent(core: CoreContext, eventId: number, overrides: Record<string, string>) {
  const job = startExport(core, {
    channelId: 'social',
    date: '2026-10-01',
    eventId,
    outDir: path.join(tempDir(), 'out'),
    overrides,
  });
  const end = await job.finished;
  if (end.state !== 'done') throw new Error(`export ${end.state}`);
  return new Map((end.result as ExportSummary).items.map((item) => [item.sourceName, item]));
}

describe('protected pupils', { timeout: 120_000 }, () => {
  it('block every photo they are tagged on or may be on, even where masking would hide them', async () => {
    const { core, eventId, hashes } = await school();
    const h = (file: string) => hashes.get(file)!;
    const before = decide(core, eventId);
    expect(before.get(h('IMG_0001.jpg'))!.status).toBe('publish'); // Zoë and Bram both consented
    expect(before.get(h('IMG_0002.jpg'))!.status).toBe('hide'); // "Zoe Baker": unmatched, hidden
    expect(before.get(h('IMG_0003.jpg'))!.status).toBe('hide'); // two pupils named Noah Jansen: hidden

    const zoe = findPersonByKey(core.db, '1001')!;
    const noah = findPersonByKey(core.db, '1003')!;
    setPersonProtected(core.db, core.actor(), { personId: zoe.id, protected: true, reason: 'Uithuisplaatsing' });
    setPersonProtected(core.db, core.actor(), { personId: noah.id, protected: true });

    const after = decide(core, eventId);
    const one = after.get(h('IMG_0001.jpg'))!;
    expect(one).toMatchObject({ status: 'blocked', overridable: false, officerOverridable: true });
    expect(one.blockers.map((b) => b.code)).toEqual(['policy.block.protected']);
    expect(one.hidden).toHaveLength(1); // masking would have hidden her small face: still blocked
    expect(after.get(h('IMG_0002.jpg'))!.blockers.map((b) => b.code)).toEqual(['policy.block.protectedSuspect']);
    expect(after.get(h('IMG_0003.jpg'))!.blockers.map((b) => b.code)).toEqual(['policy.block.protectedSuspect']);
    expect(after.get(h('IMG_0004.jpg'))!.status).toBe('publish');

    // A user links "Noah Jansen" to the other Noah: confirmed, so no longer a suspect (hidden or shown by consent).
    const region = regionsOfPhoto(core.db, h('IMG_0003.jpg')).find((r) => r.name === 'Noah Jansen')!;
    linkRegion(core.db, core.actor(), region.id, findPersonByKey(core.db, '1004')!.id);
    expect(decide(core, eventId).get(h('IMG_0003.jpg'))!.status).toBe('publish');
    // Linked to the protected Noah instead: blocked again.
    linkRegion(core.db, core.actor(), region.id, noah.id);
    expect(
      decide(core, eventId)
        .get(h('IMG_0003.jpg'))!
        .blockers.map((b) => b.code),
    ).toEqual(['policy.block.protected']);
  });

  it('log the mark by pseudonym, and only a privacy officer takes it off, with a reason', async () => {
    const { core } = await school();
    const zoe = findPersonByKey(core.db, '1001')!;
    setPersonProtected(core.db, core.actor(), { personId: zoe.id, protected: true, reason: 'Uithuisplaatsing' });
    expect(findPersonByKey(core.db, '1001')!.protected).toBe(true);
    const pseudonym = pseudonymOf(core.db, zoe.id);
    const event = listAuditEvents(core.db, { action: 'person.protect', limit: 100 })[0]!;
    expect(event).toMatchObject({ subject: `person:${pseudonym}`, actorOs: 'communicatie' });
    expect(event.details).toMatchObject({ person: pseudonym, source: 'manual' });
    const chained = withoutDigests(JSON.stringify({ subject: event.subject, details: event.details }));
    for (const clear of ['1001', 'Zoë', 'Bakker', 'Uithuisplaatsing']) expect(chained).not.toContain(clear);
    expect(event.personal).toEqual({ key: '1001', reason: 'Uithuisplaatsing' });

    const off = { personId: zoe.id, protected: false, reason: 'Rechter: geen bezwaar meer' };
    expect(() => setPersonProtected(core.db, core.actor(), off)).toThrow(
      expect.objectContaining({ code: 'consent.protected.removeNeedsPrivacyOfficer' }),
    );
    grantPrivacyOfficer(core.db, core.actor(), { osUser: 'communicatie', confirm: 'communicatie' });
    expect(() => setPersonProtected(core.db, core.actor(), { ...off, reason: ' ' })).toThrow(
      expect.objectContaining({ code: 'consent.reason.required' }),
    );
    expect(setPersonProtected(core.db, core.actor(), off).protected).toBe(false);
    expect(listAuditEvents(core.db, { action: 'person.unprotect', limit: 100 })).toHaveLength(1);
    expect(verifyAuditTrail(core.db).ok).toBe(true);
  });

  it('name the privacy officer deliberately: the first themself with confirmation, then only by an officer', async () => {
    const { core } = await school();
    const administratie = { os: 'administratie', name: 'Els' };
    const communicatie = core.actor();
    expect(() =>
      grantPrivacyOfficer(core.db, administratie, { osUser: 'communicatie', confirm: 'communicatie' }),
    ).toThrow(expect.objectContaining({ code: 'roles.firstIsSelf' }));
    expect(() =>
      grantPrivacyOfficer(core.db, communicatie, { osUser: 'communicatie', confirm: 'communicatie ' + 'x' }),
    ).toThrow(expect.objectContaining({ code: 'roles.confirmMismatch' }));
    expect(privacyOfficers(core.db)).toEqual([]);
    grantPrivacyOfficer(core.db, communicatie, { osUser: 'communicatie', confirm: 'communicatie' });
    expect(() =>
      grantPrivacyOfficer(core.db, administratie, { osUser: 'administratie', confirm: 'administratie' }),
    ).toThrow(expect.objectContaining({ code: 'roles.notPrivacyOfficer' }));
    expect(() =>
      revokePrivacyOfficer(core.db, administratie, { osUser: 'communicatie', confirm: 'communicatie' }),
    ).toThrow(expect.objectContaining({ code: 'roles.notPrivacyOfficer' }));
    grantPrivacyOfficer(core.db, communicatie, { osUser: 'administratie', confirm: 'administratie' });
    expect(privacyOfficers(core.db)).toEqual(['communicatie', 'administratie']);
    revokePrivacyOfficer(core.db, administratie, { osUser: 'communicatie', confirm: 'communicatie' });
    expect(privacyOfficers(core.db)).toEqual(['administratie']);
    // (newest first)
    expect(listAuditEvents(core.db, { action: 'role.grant', limit: 100 }).map((e) => e.details)).toEqual([
      { role: 'privacyOfficer', osUser: 'administratie' },
      { role: 'privacyOfficer', osUser: 'communicatie' },
    ]);
    expect(listAuditEvents(core.db, { action: 'role.revoke', limit: 100 })).toHaveLength(1);
  });

  it("export: an override is refused without the privacy officer role; the officer's reason lifts the block", async () => {
    const { core, eventId, hashes } = await school();
    const zoe = findPersonByKey(core.db, '1001')!;
    setPersonProtected(core.db, core.actor(), { personId: zoe.id, protected: true });
    const overrides = { [hashes.get('IMG_0001.jpg')!]: 'Staat klein achterin' };

    const refused = await exportEvent(core, eventId, overrides);
    expect(refused.get('IMG_0001.jpg')).toMatchObject({ decision: 'blocked', state: 'skipped', outputName: null });
    expect(refused.get('IMG_0004.jpg')).toMatchObject({ decision: 'publish', state: 'done' });
    expect(listAuditEvents(core.db, { action: 'export.override', limit: 100 })).toHaveLength(0);

    grantPrivacyOfficer(core.db, core.actor(), { osUser: 'communicatie', confirm: 'communicatie' });
    // The officer without a reason: still blocked.
    const noReason = await exportEvent(core, eventId, { [hashes.get('IMG_0001.jpg')!]: '   ' });
    expect(noReason.get('IMG_0001.jpg')).toMatchObject({ decision: 'blocked', state: 'skipped' });

    const lifted = await exportEvent(core, eventId, overrides);
    expect(lifted.get('IMG_0001.jpg')).toMatchObject({ decision: 'hide', state: 'done', hiddenCount: 1 });
    const override = listAuditEvents(core.db, { action: 'export.override', limit: 100 });
    expect(override).toHaveLength(1);
    expect(override[0]!.details).toMatchObject({
      blockers: ['policy.block.protected', 'policy.overriddenByPrivacyOfficer'],
      privacyOfficer: true,
    });
  });

  it('suspect a close name only when it matched nobody: an exact match to someone else stays theirs', async () => {
    const { core } = await school();
    // Zoë Bakker (1001) protected; Sem van 't Hof (1002) is not, and no pupil is named "Zoe Baker" or "Sem van Hoff".
    setPersonProtected(core.db, core.actor(), { personId: findPersonByKey(core.db, '1001')!.id, protected: true });
    const directory = currentPeopleDirectory(core.db);
    const granted = () => ({ status: 'granted' as const, recordId: 1 });
    const who = (name: string) => identifyRegion(directory, { name, classHint: null, personId: null }, [], granted);
    expect(who('Zoe Baker')).toMatchObject({ kind: 'unmatched', protectedSuspect: true });
    expect(who('Sem van Hoff')).toMatchObject({ kind: 'unmatched', protectedSuspect: false });
    expect(who("Sem van 't Hof")).toMatchObject({ kind: 'person', protected: false });
    expect(who('Zoë Bakker')).toMatchObject({ kind: 'person', protected: true });
    // Two pupils named Noah Jansen; mark one: the name is a suspect even where the event's classes pick the other.
    setPersonProtected(core.db, core.actor(), { personId: findPersonByKey(core.db, '1003')!.id, protected: true });
    const after = currentPeopleDirectory(core.db);
    const noah = identifyRegion(after, { name: 'Noah Jansen', classHint: 'Groep 6', personId: null }, [], granted);
    expect(noah).toMatchObject({ kind: 'ambiguous', protectedCandidate: true });
  });
});
