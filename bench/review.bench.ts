// One naming step of the event review in an event of 2,000 photos (bursts of three, four detected faces each, 2,000
// pupils): the app's answer through the IPC handler (the step, then the touched photos and the change of the counts)
// against what it used to answer (the step, then the whole review again). Target: a step's answer < 150 ms, and no
// more for 2,000 photos than for a sports day's 30.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openCore } from '../electron/core/context';
import { createIpcRouter } from '../electron/core/ipc/handlers';
import { eventReview, setReviewState } from '../electron/core/review';
import type { Benchmark } from './run';
import { fixed, verdict } from './util';

const STEPS = 40;

async function stepTimes(photos: number): Promise<{ incremental: number[]; whole: number[] }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'fotowacht-bench-review-'));
  const core = openCore({ dataDir });
  try {
    const db = core.db;
    const now = new Date().toISOString();
    db.transaction(() => {
      db.prepare("INSERT INTO library_roots (path, added_at) VALUES ('/school', ?)").run(now);
      db.prepare(
        "INSERT INTO events (root_id, name, folder_path, created_at) VALUES (1, 'Sportdag', '/school', ?)",
      ).run(now);
      const person = db.prepare(
        "INSERT INTO people (kind, external_key, roepnaam, achternaam, class_name, created_at, updated_at) VALUES ('pupil', ?, ?, ?, 'Groep 5', ?, ?)",
      );
      for (let p = 0; p < 2000; p += 1) person.run(String(p), `Kind${p}`, `Achter${p}`, now, now);
      const photo = db.prepare(
        `INSERT INTO photos (hash, format, width, height, display_width, display_height, taken_at, camera_make,
           camera_model, indexed_at, faces_detected_with) VALUES (?, 'jpeg', 6000, 4000, 6000, 4000, ?, 'Canon', 'EOS', ?, 'bench')`,
      );
      const file = db.prepare(
        'INSERT INTO photo_files (path, photo_hash, event_id, size, mtime_ms, indexed_at) VALUES (?, ?, 1, 1, 1, ?)',
      );
      const region = db.prepare(
        `INSERT INTO regions (photo_hash, source, namespace, kind, x, y, w, h, score, created_at)
         VALUES (?, 'detector', 'bench', 'face', ?, 0.3, 0.08, 0.12, 0.9, ?)`,
      );
      for (let i = 0; i < photos; i += 1) {
        const hash = i.toString(16).padStart(64, '0');
        // Bursts of three a second apart, a minute between bursts.
        const at = new Date(Date.UTC(2026, 5, 12, 9) + Math.floor(i / 3) * 60_000 + (i % 3) * 1000);
        photo.run(hash, at.toISOString().slice(0, 19), now);
        file.run(`/school/IMG_${String(i).padStart(5, '0')}.jpg`, hash, now);
        for (let r = 0; r < 4; r += 1) region.run(hash, 0.1 + r * 0.22, now);
      }
    })();
    const router = createIpcRouter(core, { mediaBaseUrl: 'x' });
    const query = { eventId: 1, channelId: 'social', date: '2026-10-01' };
    const regionIds = db
      .prepare('SELECT id FROM regions ORDER BY id LIMIT ?')
      .pluck()
      .all(STEPS * 2) as number[];
    const incremental: number[] = [];
    const whole: number[] = [];
    for (let step = 0; step < STEPS; step += 1) {
      const state = { kind: 'person' as const, personId: 1 + (step % 2000) };
      let started = performance.now();
      const response = await router.invoke('reviewRegion', { regionId: regionIds[step * 2]!, state, review: query });
      if (!response.ok) throw new Error(JSON.stringify(response.error));
      incremental.push(performance.now() - started);
      started = performance.now();
      setReviewState(core, regionIds[step * 2 + 1]!, state);
      eventReview(db, query);
      whole.push(performance.now() - started);
    }
    return { incremental, whole };
  } finally {
    await core.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const median = (list: readonly number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)]!;

export const benchReview: Benchmark = {
  name: 'review',
  async run() {
    for (const photos of [30, 2000]) {
      const { incremental, whole } = await stepTimes(photos);
      const slowest = Math.max(...incremental);
      console.log(
        `a naming step in an event of ${photos.toLocaleString('en')} photos (${STEPS} steps): the answer (touched photos and the counts' change) median ${fixed(median(incremental))} ms, slowest ${fixed(slowest)} ms (target < 150 ms): ${verdict(slowest < 150)}; the old answer (the step, then the whole review again) median ${fixed(median(whole))} ms, slowest ${fixed(Math.max(...whole))} ms`,
      );
    }
  },
};
