// Deciding a whole event at once, as the library screen does for its status counts: 20,000 photos with three
// people each (2,000 pupils in the registry, a third of the names not in it), through the IPC handler.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openCore } from '../electron/core/context';
import { createIpcRouter } from '../electron/core/ipc/handlers';
import type { Benchmark } from './run';
import { fixed, measure } from './util';

const PHOTOS = 20_000;

export const benchDecide: Benchmark = {
  name: 'decide',
  async run() {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'fotowacht-bench-decide-'));
    const core = openCore({ dataDir });
    try {
      const db = core.db;
      const now = new Date().toISOString();
      db.transaction(() => {
        db.prepare("INSERT INTO library_roots (path, added_at) VALUES ('/school', ?)").run(now);
        db.prepare(
          "INSERT INTO events (root_id, name, folder_path, created_at) VALUES (1, 'Schoolfeest', '/school', ?)",
        ).run(now);
        const person = db.prepare(
          "INSERT INTO people (kind, external_key, roepnaam, achternaam, class_name, created_at, updated_at) VALUES ('pupil', ?, ?, ?, 'Groep 5', ?, ?)",
        );
        for (let p = 0; p < 2000; p += 1) person.run(String(p), `Kind${p}`, `Achter${p}`, now, now);
        const photo = db.prepare(
          "INSERT INTO photos (hash, format, width, height, display_width, display_height, indexed_at, faces_detected_with) VALUES (?, 'jpeg', 6000, 4000, 6000, 4000, ?, 'bench')",
        );
        const file = db.prepare(
          'INSERT INTO photo_files (path, photo_hash, event_id, size, mtime_ms, indexed_at) VALUES (?, ?, 1, 1, 1, ?)',
        );
        const region = db.prepare(
          "INSERT INTO regions (photo_hash, source, namespace, kind, x, y, w, h, name, created_at) VALUES (?, 'file', 'mwg-rs', 'face', ?, 0.1, 0.05, 0.05, ?, ?)",
        );
        for (let i = 0; i < PHOTOS; i += 1) {
          const hash = i.toString(16).padStart(64, '0');
          photo.run(hash, now);
          file.run(`/school/${i}.jpg`, hash, now);
          for (let r = 0; r < 3; r += 1) {
            region.run(
              hash,
              0.1 + r * 0.3,
              r === 2 ? `Gast ${i % 300}` : `Kind${(i * 3 + r) % 2000} Achter${(i * 3 + r) % 2000}`,
              now,
            );
          }
        }
      })();
      const router = createIpcRouter(core, { mediaBaseUrl: 'x' });
      const result = await measure(() =>
        router.invoke('decidePhotos', { channelId: 'social', date: '2026-10-01', eventId: 1 }),
      );
      if (!result.value.ok) throw new Error(JSON.stringify(result.value.error));
      console.log(
        `decide ${PHOTOS.toLocaleString('en')} photos (60,000 regions) for one channel: ${fixed(result.seconds * 1000, 0)} ms`,
      );
    } finally {
      await core.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
