// The caption of a post: checked against the real registry (IPC and CLI), and recorded with the export — its text in
// the chain only when it names nobody, beside the chain when it names only visible people, its hash alone when it
// names a hidden person (searched for byte by byte in the trail's tables afterwards).
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyAuditTrail } from '../../electron/core/audit';
import { listAuditEvents } from '../../electron/core/audit/trail';
import { findPersonByKey, pseudonymOf } from '../../electron/core/consent';
import type { CoreContext } from '../../electron/core/context';
import { createIpcRouter } from '../../electron/core/ipc/handlers';
import { startExport } from '../../electron/core/publish';
import type { CaptionFinding } from '../../shared/captionCheck';
import type { ExportSummary } from '../../shared/publish';
import type { AuditEvent } from '../../shared/types';
import { fotowacht } from '../helpers/cli';
import { ok } from '../helpers/ipc';
import { indexedSchool, markFacesChecked } from '../helpers/school';
import { useTempDirs } from '../helpers/tempDir';
import { withoutDigests } from '../helpers/clearText';

const tempDir = useTempDirs();
const cores: CoreContext[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
});

async function school() {
  const dataDir = tempDir();
  const s = await indexedSchool(dataDir, tempDir());
  markFacesChecked(s.core);
  cores.push(s.core);
  return { ...s, dataDir };
}

async function exportWith(core: CoreContext, eventId: number, caption: string): Promise<ExportSummary> {
  const job = startExport(core, {
    channelId: 'social',
    date: '2026-10-01',
    eventId,
    outDir: path.join(tempDir(), 'out'),
    caption,
  });
  const end = await job.finished;
  if (end.state !== 'done') throw new Error(`export ${end.state}`);
  return end.result!;
}

function lastExportEvent(core: CoreContext): AuditEvent {
  return listAuditEvents(core.db, { action: 'export.done', limit: 1 })[0]!;
}

/** Every stored byte of the trail: the chain and the personal details beside it. */
function trailText(core: CoreContext): string {
  const chain = core.db.prepare('SELECT details || subject FROM audit_events').pluck().all() as string[];
  const personal = core.db.prepare('SELECT details FROM audit_personal').pluck().all() as string[];
  return [...chain, ...personal].join('\n');
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('the caption recorded with the export', () => {
  it('keeps a caption that names nobody in the chain, with an empty result', async () => {
    const { core, eventId } = await school();
    const caption = 'Wat een mooie sportdag met groep 5 en 7!';
    const summary = await exportWith(core, eventId, caption);
    expect(summary.caption).toEqual({ sha256: sha256(caption), findings: [] });
    const details = lastExportEvent(core).details as { caption: Record<string, unknown> };
    expect(details.caption).toEqual({
      sha256: sha256(caption),
      length: caption.length,
      stored: 'chain',
      findings: [],
      text: caption,
    });
  }, 120_000);

  it('keeps a caption that names only a visible pupil beside the chain, erasable, with the rule and pseudonym', async () => {
    const { core, eventId } = await school();
    const caption = 'ZOË bakker won de estafette!';
    const summary = await exportWith(core, eventId, caption);
    const zoe = findPersonByKey(core.db, '1001')!;
    expect(summary.caption?.findings.map((f) => [f.rule, f.text, f.personIds])).toEqual([
      ['caption.fullName', 'ZOË bakker', [zoe.id]],
    ]);
    const event = lastExportEvent(core);
    const details = event.details as { caption: Record<string, unknown> };
    expect(details.caption).toEqual({
      sha256: sha256(caption),
      length: caption.length,
      stored: 'personal',
      findings: [{ rule: 'caption.fullName', people: [pseudonymOf(core.db, zoe.id)] }],
    });
    expect(event.personal).toEqual({ caption });
    expect(verifyAuditTrail(core.db).ok).toBe(true);
  }, 120_000);

  it('keeps only the hash of a caption that names a hidden pupil: the text is nowhere in the trail', async () => {
    const { core, eventId } = await school();
    // Sem van 't Hof refused social media: hidden on one photo, the blocked main subject of another.
    const caption = 'Sem Van ’t Hof (groep 7) sprong het verst! Vragen: 06-12345678';
    const summary = await exportWith(core, eventId, caption);
    const sem = findPersonByKey(core.db, '1002')!;
    expect(summary.caption?.findings.map((f) => f.rule)).toEqual([
      'caption.fullName',
      'caption.classAndName',
      'caption.phone',
    ]);
    const event = lastExportEvent(core);
    const details = event.details as { caption: Record<string, unknown> };
    expect(details.caption).toMatchObject({ sha256: sha256(caption), stored: 'hashOnly' });
    expect(details.caption).not.toHaveProperty('text');
    expect((details.caption.findings as Array<{ people: string[] }>)[0]!.people).toEqual([
      pseudonymOf(core.db, sem.id),
    ]);
    expect(event.personal).toBeUndefined();
    const stored = trailText(core);
    for (const needle of ['sprong', 'Hof', '12345678']) expect(withoutDigests(stored)).not.toContain(needle);
    expect(stored).toContain(sha256(caption));
  }, 120_000);
});

describe('checking a caption', () => {
  it('through IPC, live from the publish screen; an over-long text is refused', async () => {
    const { core } = await school();
    const router = createIpcRouter(core, { mediaBaseUrl: 'x' });
    const findings = await ok<CaptionFinding[]>(router, 'checkCaption', {
      text: 'Daniëlle De Groot en Bram uit groep 5',
    });
    expect(findings.map((f) => [f.rule, f.text])).toEqual([
      ['caption.fullName', 'Daniëlle De Groot'],
      ['caption.classAndName', 'Bram uit groep 5'],
    ]);
    expect(await router.invoke('checkCaption', { text: 'x'.repeat(10_001) })).toMatchObject({ ok: false });
    // The same bound for an export's caption from the CLI or a script, before anything is written.
    expect(() =>
      startExport(core, {
        channelId: 'social',
        date: '2026-10-01',
        eventId: 1,
        outDir: path.join(tempDir(), 'too-long'),
        caption: 'x'.repeat(10_001),
      }),
    ).toThrow(expect.objectContaining({ code: 'caption.tooLong' }));
  }, 120_000);

  it('with fotowacht check-text from a file and from standard input, exit code 1 when anything is found', async () => {
    const s = await school();
    await s.core.close();
    cores.splice(cores.indexOf(s.core), 1);
    const file = path.join(tempDir(), 'bijschrift.txt');
    writeFileSync(file, '\uFEFFFeliciteer Zoë Bakker! Mail juf@school.nl');
    const flagged = fotowacht(['check-text', file, '--json'], { dataDir: s.dataDir });
    expect(flagged.code).toBe(1);
    expect(flagged.json<{ ok: boolean; findings: CaptionFinding[] }>().findings.map((f) => f.rule)).toEqual([
      'caption.fullName',
      'caption.email',
    ]);
    const dutch = fotowacht(['check-text', file], { dataDir: s.dataDir, lang: 'nl' });
    expect(dutch.code).toBe(1);
    expect(dutch.stdout).toContain('“Zoë Bakker” (teken 12–21): volledige naam van iemand uit het register');

    const clean = fotowacht(['check-text', '-'], { dataDir: s.dataDir, input: 'Een mooie dag voor iedereen.' });
    expect(clean.code).toBe(0);
    expect(clean.stdout).toContain('Nothing found');
    const piped = fotowacht(['check-text', '-', '--json'], { dataDir: s.dataDir, input: 'Bel 06 1234 5678' });
    expect(piped.code).toBe(1);
    expect(piped.json<{ findings: CaptionFinding[] }>().findings).toMatchObject([{ rule: 'caption.phone' }]);

    expect(fotowacht(['check-text', '--help']).code).toBe(0);
    const missing = fotowacht(['check-text', path.join(tempDir(), 'none.txt')], { dataDir: s.dataDir });
    expect(missing.code).toBe(1);
  }, 180_000);
});
