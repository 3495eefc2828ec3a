// A whole school's worth of data for the UI tests and the UI benchmark (bench/ui.bench.ts): a registry of 2,001
// pupils imported as the wizard does, and an event of 20,000 photos put straight into the database.
import { fileHandle } from './handles';
import { createHash } from 'node:crypto';
import type { WritableDb } from '../../electron/core/db/connection';
import type { IpcRouter } from '../../electron/core/ipc/router';
import type { ConsentFileInfo, ConsentImportPreviewResult } from '../../shared/ipc/consent';
import { generatedListRows, writeUtf8BomCsv } from './consentLists';

/** The one pupil the registry tests look for among the generated 2,000. */
export const ZOE = { studentNumber: '999001', name: 'Zoë van der Berg', className: '7B' } as const;

/** A Magister export of 2,000 generated pupils plus Zoë Anna van der Berg, who granted every channel. */
export function writeWholeSchoolList(dir: string): string {
  const rows = generatedListRows(2000);
  rows.push([
    ZOE.studentNumber,
    'Zoë',
    'Zoë Anna',
    'van der',
    'Berg',
    ZOE.className,
    '12-02-2014',
    'ja',
    'ja',
    'ja',
    'ja',
    'ja',
  ]);
  return writeUtf8BomCsv(dir, rows, ';', 'magister-export.csv');
}

/** Imports a list through the real IPC handlers, as the wizard does: read, preview with the proposal, commit. */
export async function importListThroughIpc(router: IpcRouter, file: string): Promise<void> {
  const invoke = async <T>(method: string, params: unknown): Promise<T> => {
    const response = await router.invoke(method, params);
    if (!response.ok) throw new Error(JSON.stringify(response.error));
    return response.value as T;
  };
  const info = await invoke<ConsentFileInfo & { list: string }>('readConsentFile', {
    file: await fileHandle(router, 'consentList', file),
  });
  const preview = await invoke<ConsentImportPreviewResult>('previewConsentImport', {
    list: info.list,
    mapping: info.proposedMapping,
  });
  await invoke('commitConsentImport', { token: preview.token });
}

export const LARGE_EVENT = 'Schoolreisje 2026';

/**
 * The event LARGE_EVENT with `photos` indexed and face-checked photos (no files behind them); every fourth shows
 * someone the registry does not know, so a quarter is "hidden" and the rest "ready".
 */
export function seedLargeEvent(db: WritableDb, photos: number): void {
  const now = new Date().toISOString();
  db.transaction(() => {
    const root = db
      .prepare('INSERT INTO library_roots (path, added_at) VALUES (?, ?)')
      .run('/photos/schooljaar', now).lastInsertRowid;
    const event = db
      .prepare('INSERT INTO events (root_id, name, folder_path, created_at) VALUES (?, ?, ?, ?)')
      .run(root, LARGE_EVENT, `/photos/schooljaar/${LARGE_EVENT}`, now).lastInsertRowid;
    const photo = db.prepare(
      `INSERT INTO photos (hash, format, width, height, display_width, display_height, faces_detected_with,
                           faces_detected_at, indexed_at)
       VALUES (?, 'jpeg', 6000, 4000, 6000, 4000, 'test', ?, ?)`,
    );
    const file = db.prepare(
      'INSERT INTO photo_files (path, photo_hash, event_id, size, mtime_ms, indexed_at) VALUES (?, ?, ?, 1, 1, ?)',
    );
    const region = db.prepare(
      `INSERT INTO regions (photo_hash, source, namespace, kind, x, y, w, h, name, created_at)
       VALUES (?, 'file', 'mwg-rs', 'face', 0.4, 0.2, 0.05, 0.07, 'Onbekende Gast', ?)`,
    );
    for (let i = 0; i < photos; i += 1) {
      const hash = createHash('sha256').update(`photo ${i}`).digest('hex');
      photo.run(hash, now, now);
      file.run(`/photos/schooljaar/${LARGE_EVENT}/IMG_${String(i).padStart(5, '0')}.jpg`, hash, event, now);
      if (i % 4 === 0) region.run(hash, now);
    }
  })();
}
