// The privacy officer's commands: keygen (never into the data folder), checkpoint, head, and verify against anchors
// and checkpoints; a trail cut short behind a checkpoint and a forged checkpoint both exit with code 2.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendAuditEvent } from '../../electron/core/audit';
import { openCore } from '../../electron/core/context';
import { fotowacht } from '../helpers/cli';
import { useTempDirs } from '../helpers/tempDir';

const tempDir = useTempDirs();

async function dataDirWithTrail(count: number): Promise<string> {
  const dataDir = tempDir();
  const core = openCore({ dataDir, osUser: 'fg' });
  for (let n = 1; n <= count; n += 1)
    appendAuditEvent(core.db, core.actor(), { action: 'test.event', subject: `x:${n}` });
  await core.close();
  return dataDir;
}

describe('fotowacht audit keygen, checkpoint and verify', () => {
  it(
    'signs the head, verifies against it, and exits 2 on truncation behind it and on a forged checkpoint',
    { timeout: 120_000 },
    async () => {
      const dataDir = await dataDirWithTrail(5);
      expect(fotowacht(['audit', 'keygen', '--out', path.join(dataDir, 'keys')], { dataDir }).code).toBe(1);

      const usb = tempDir();
      const keygen = fotowacht(['audit', 'keygen', '--out', usb, '--json'], { dataDir });
      expect(keygen.code).toBe(0);
      const keys = keygen.json<{ privateKeyPath: string; publicKeyPath: string }>();

      const file = path.join(tempDir(), 'checkpoint.json');
      const made = fotowacht(['audit', 'checkpoint', '--key', keys.privateKeyPath, '--out', file], { dataDir });
      expect(made.code).toBe(0);
      expect(made.stdout).toContain('Checkpoint written');
      const head = fotowacht(['audit', 'head'], { dataDir }).stdout.trim();
      expect(head).toMatch(/^6:[0-9a-f]{64}$/); // the checkpoint itself was logged as event 6

      const ok = fotowacht(
        ['audit', 'verify', '--checkpoint', file, '--public-key', keys.publicKeyPath, '--anchor', head],
        {
          dataDir,
        },
      );
      expect(ok.code).toBe(0);
      expect(ok.stdout).toContain('signature valid');
      expect(ok.stdout).toContain('Anchors checked: 2.');

      // Forged: the head in the checkpoint changed after signing.
      const forged = path.join(tempDir(), 'forged.json');
      const text = JSON.parse(readFileSync(file, 'utf8')) as { seq: number };
      writeFileSync(forged, JSON.stringify({ ...text, seq: text.seq - 1 }));
      const refused = fotowacht(['audit', 'verify', '--checkpoint', forged], { dataDir });
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain('was changed after signing, or forged');

      // Truncate to 3 and move the head: alone it looks intact, against the checkpoint it does not.
      const core = openCore({ dataDir, osUser: 'attacker' });
      core.db.exec('DROP TRIGGER audit_events_no_delete');
      core.db.prepare('DELETE FROM audit_events WHERE seq > 3').run();
      core.db.exec('UPDATE audit_head SET seq = 3, hash = (SELECT hash FROM audit_events WHERE seq = 3)');
      await core.close();
      expect(fotowacht(['audit', 'verify'], { dataDir }).code).toBe(0);
      const caught = fotowacht(['audit', 'verify', '--checkpoint', file, '--public-key', keys.publicKeyPath], {
        dataDir,
      });
      expect(caught.code).toBe(2);
      expect(caught.stderr).toContain('entry 4 does not hold (the trail was cut short');
      const byAnchor = fotowacht(['audit', 'verify', '--anchor', head], { dataDir });
      expect(byAnchor.code).toBe(2);
    },
  );
});
