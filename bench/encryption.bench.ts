// What encryption at rest costs: the same work on a plain and an encrypted database of the same driver, in one run —
// a 2,000-row consent import (read, map, preview, commit), 20,000 consent look-ups (what deciding an event asks),
// 2,000 audit events, each its own transaction — and sealing a thumbnail and a preview. Reported as a ratio: the
// issue asks what encryption costs, it sets no limit.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { proposeMapping } from '../shared/consentImport';
import { appendAuditEvent } from '../electron/core/audit';
import {
  commitConsentImport,
  consentOn,
  listChannels,
  planConsentImport,
  readConsentList,
} from '../electron/core/consent';
import { openDatabase } from '../electron/core/db';
import { mediaCipher } from '../electron/core/media';
import { generatedListRows, writeWindows1252Csv } from '../test/helpers/consentLists';
import type { Benchmark } from './run';
import { fixed, measure } from './util';

async function workload(file: string, list: string, key: string | undefined) {
  const db = openDatabase(file, key ? { key } : {});
  try {
    const actor = { os: 'bench', name: '' };
    const imported = await measure(async () => {
      const source = await readConsentList(list);
      const mapping = proposeMapping(source.rows, listChannels(db));
      const { preview } = planConsentImport(db, source, mapping, '2026-2027');
      commitConsentImport(db, actor, source, mapping, '2026-2027', { expectedFingerprint: preview.fingerprint });
    });
    const people = db.prepare('SELECT id FROM people').pluck().all() as number[];
    const lookups = await measure(async () => {
      for (let i = 0; i < 20_000; i++) consentOn(db, people[i % people.length]!, 'social', '2026-10-01');
    });
    const audit = await measure(async () => {
      for (let i = 0; i < 2_000; i++) appendAuditEvent(db, actor, { action: 'bench', subject: `n:${i}` });
    });
    return { imported: imported.seconds, lookups: lookups.seconds, audit: audit.seconds };
  } finally {
    db.close();
  }
}

export const benchEncryption: Benchmark = {
  name: 'encryption',
  async run() {
    const dir = mkdtempSync(path.join(tmpdir(), 'fotowacht-bench-crypt-'));
    try {
      const list = writeWindows1252Csv(dir, generatedListRows(2000), 'lijst-2000.csv');
      const key = randomBytes(32).toString('hex');
      // Twice each, alternating, the better of two: less noise from a shared machine.
      type Times = Awaited<ReturnType<typeof workload>>;
      const runs: { plain: Times[]; encrypted: Times[] } = { plain: [], encrypted: [] };
      for (let round = 0; round < 2; round++) {
        runs.plain.push(await workload(path.join(dir, `plain-${round}.sqlite`), list, undefined));
        runs.encrypted.push(await workload(path.join(dir, `enc-${round}.sqlite`), list, key));
      }
      const best = (kind: 'plain' | 'encrypted', field: keyof Times) => Math.min(...runs[kind].map((r) => r[field]));
      for (const [field, label] of [
        ['imported', 'consent import, 2,000 rows'],
        ['lookups', '20,000 consent look-ups (deciding)'],
        ['audit', '2,000 audit events'],
      ] as const) {
        const plain = best('plain', field);
        const encrypted = best('encrypted', field);
        const ratio = encrypted / plain;
        console.log(
          `${label}: plain ${fixed(plain * 1000, 0)} ms, encrypted ${fixed(encrypted * 1000, 0)} ms = ${fixed(ratio, 2)}× the plain time`,
        );
      }
      const thumbnail = await sharp({ create: { width: 400, height: 267, channels: 3, background: '#777' } })
        .webp()
        .toBuffer();
      const preview = await sharp({ create: { width: 1280, height: 853, channels: 3, background: '#777' } })
        .jpeg({ quality: 85 })
        .toBuffer();
      const cipher = mediaCipher(key);
      const sealing = await measure(async () => {
        for (let i = 0; i < 200; i++) {
          cipher.seal(thumbnail);
          cipher.seal(preview);
        }
      });
      console.log(`sealing a photo's thumbnail and preview: ${fixed((sealing.seconds / 200) * 1000, 2)} ms per photo`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
