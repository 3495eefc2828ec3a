// A 2,000-row consent list imported end to end — read and decode, propose the mapping, validate, preview, commit
// in one transaction — into a fresh registry, then the same list again (nothing changes). Target: under 0.5 s.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { proposeMapping } from '../shared/consentImport';
import { commitConsentImport, listChannels, planConsentImport, readConsentList } from '../electron/core/consent';
import { openCore } from '../electron/core/context';
import { generatedListRows, writeWindows1252Csv } from '../test/helpers/consentLists';
import type { Benchmark } from './run';
import { fixed, measure } from './util';

const ROWS = 2000;
const TARGET_SECONDS = 0.5;

export const benchConsent: Benchmark = {
  name: 'consent',
  async run() {
    const dir = mkdtempSync(path.join(tmpdir(), 'fotowacht-bench-consent-'));
    const core = openCore({ dataDir: path.join(dir, 'data'), osUser: 'bench' });
    try {
      const file = writeWindows1252Csv(dir, generatedListRows(ROWS), 'lijst-2000.csv');
      const actor = { os: 'bench', name: '' };
      const importOnce = async () => {
        const source = await readConsentList(file);
        const mapping = proposeMapping(source.rows, listChannels(core.db));
        const { preview } = planConsentImport(core.db, source, mapping, '2026-2027');
        const result = commitConsentImport(core.db, actor, source, mapping, '2026-2027', {
          expectedFingerprint: preview.fingerprint,
        });
        return { preview, result };
      };
      const first = await measure(importOnce);
      const again = await measure(importOnce);
      const verdict = (seconds: number) => (seconds < TARGET_SECONDS ? 'ok' : 'SLOWER THAN TARGET');
      console.log(
        `import of ${ROWS} rows (Windows-1252 CSV, 5 channels) into an empty registry: ${fixed(first.seconds, 3)} s ` +
          `(target < ${TARGET_SECONDS} s: ${verdict(first.seconds)}); ${first.value.result.recordsWritten} consent versions written`,
      );
      console.log(
        `the same list again (all unchanged, preview compares with 10,000 records): ${fixed(again.seconds, 3)} s ` +
          `(target < ${TARGET_SECONDS} s: ${verdict(again.seconds)})`,
      );
      console.log(`peak memory (RSS): ${fixed(Math.max(first.peakRssMb, again.peakRssMb), 0)} MB`);
    } finally {
      await core.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
