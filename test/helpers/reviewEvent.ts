// Events for the review tests: shots (a camera, a moment, face boxes) put straight into the database with
// detector regions (a fake detection: no pixels), or written as generated JPEGs with EXIF (camera, time) and no
// XMP at all, for the UI test to index. And a small registry of pupils in two classes.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { commitConsentImport, listChannels, readConsentList } from '../../electron/core/consent';
import type { CoreContext } from '../../electron/core/context';
import type { WritableDb } from '../../electron/core/db/connection';
import { proposeMapping } from '../../shared/consentImport';
import type { Box } from '../../shared/geometry';

export interface Shot {
  readonly file: string;
  /** EXIF time of the camera (no offset), e.g. '2026-06-12T10:15:03'. */
  readonly takenAt: string | null;
  readonly make: string | null;
  readonly model: string | null;
  /** The camera body's serial number, when it writes one. */
  readonly serial?: string;
  readonly faces: readonly Box[];
}

export interface SeededEvent {
  readonly eventId: number;
  readonly hashes: readonly string[];
  /** Region ids per shot, in the order of its faces. */
  readonly regions: ReadonlyArray<readonly number[]>;
}

/** The shots as an indexed, face-checked event (no files behind them); detector regions for every face. */
export function seedReviewEvent(db: WritableDb, name: string, shots: readonly Shot[]): SeededEvent {
  const now = new Date().toISOString();
  return db.transaction(() => {
    const root = db
      .prepare('INSERT INTO library_roots (path, added_at) VALUES (?, ?)')
      .run(`/photos/${name}-root`, now).lastInsertRowid;
    const eventId = Number(
      db
        .prepare('INSERT INTO events (root_id, name, folder_path, created_at) VALUES (?, ?, ?, ?)')
        .run(root, name, `/photos/${name}-root/${name}`, now).lastInsertRowid,
    );
    const photo = db.prepare(
      `INSERT INTO photos (hash, format, width, height, display_width, display_height, taken_at, camera_make,
                           camera_model, camera_serial, faces_detected_with, faces_detected_at, indexed_at)
       VALUES (?, 'jpeg', 3000, 2000, 3000, 2000, ?, ?, ?, ?, 'test', ?, ?)`,
    );
    const file = db.prepare(
      'INSERT INTO photo_files (path, photo_hash, event_id, size, mtime_ms, indexed_at) VALUES (?, ?, ?, 1, 1, ?)',
    );
    const region = db.prepare(
      `INSERT INTO regions (photo_hash, source, namespace, kind, x, y, w, h, score, created_at, created_by)
       VALUES (?, 'detector', 'fotowacht-detector', 'face', ?, ?, ?, ?, 0.9, ?, 'test')`,
    );
    const hashes: string[] = [];
    const regions: number[][] = [];
    for (const shot of shots) {
      const hash = createHash('sha256').update(`${name}/${shot.file}`).digest('hex');
      photo.run(hash, shot.takenAt, shot.make, shot.model, shot.serial ?? null, now, now);
      file.run(`/photos/${name}-root/${name}/${shot.file}`, hash, eventId, now);
      hashes.push(hash);
      regions.push(shot.faces.map((box) => Number(region.run(hash, box.x, box.y, box.w, box.h, now).lastInsertRowid)));
    }
    return { eventId, hashes, regions };
  })();
}

const SKIN = ['#f1c27d', '#e0ac69', '#c68642', '#8d5524', '#ffdbac'];

/** A generated photo of simple figures at the face boxes, with the camera and time in EXIF and no XMP. */
export async function renderShot(shot: Shot, width = 1200, height = 800): Promise<Buffer> {
  const figures = shot.faces
    .map((face, index) => {
      const cx = (face.x + face.w / 2) * width;
      const cy = (face.y + face.h / 2) * height;
      const rx = (face.w * width) / 2;
      const ry = (face.h * height) / 2;
      return `<rect x="${cx - rx * 1.8}" y="${cy + ry}" width="${rx * 3.6}" height="${ry * 5}" fill="#1b998b"/>
        <ellipse cx="${cx}" cy="${cy}" rx="${rx}" ry="${ry}" fill="${SKIN[index % SKIN.length]}"/>
        <circle cx="${cx - rx * 0.35}" cy="${cy - ry * 0.1}" r="${rx * 0.12}" fill="#222"/>
        <circle cx="${cx + rx * 0.35}" cy="${cy - ry * 0.1}" r="${rx * 0.12}" fill="#222"/>`;
    })
    .join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <rect width="${width}" height="${height * 0.5}" fill="#8ec5ff"/><rect y="${height * 0.5}" width="${width}"
    height="${height * 0.5}" fill="#5aa147"/>${figures}</svg>`;
  const exif: { IFD0: Record<string, string>; IFD2?: Record<string, string> } = {
    IFD0: { ...(shot.make ? { Make: shot.make } : {}), ...(shot.model ? { Model: shot.model } : {}) },
  };
  if (shot.takenAt || shot.serial) {
    exif.IFD2 = {
      ...(shot.takenAt ? { DateTimeOriginal: shot.takenAt.replace('T', ' ').replace(/-/g, ':') } : {}),
      ...(shot.serial ? { BodySerialNumber: shot.serial } : {}),
    };
  }
  return sharp(Buffer.from(svg)).jpeg({ quality: 80 }).withExif(exif).toBuffer();
}

export async function writeShots(dir: string, shots: readonly Shot[]): Promise<void> {
  mkdirSync(dir, { recursive: true });
  for (const shot of shots) writeFileSync(path.join(dir, shot.file), await renderShot(shot));
}

export interface RosterPupil {
  readonly key: string;
  readonly roepnaam: string;
  readonly tussenvoegsel: string;
  readonly achternaam: string;
  readonly className: string;
  /** Consent for social media. */
  readonly social: 'ja' | 'nee';
}

/** Imports pupils (all with consent for website and newsletter; social media as given) for 2026-2027. */
export async function importPupils(core: CoreContext, dir: string, pupils: readonly RosterPupil[]): Promise<void> {
  const rows = [
    'Leerlingnummer;Roepnaam;Tussenvoegsel;Achternaam;Groep;Geboortedatum;Social media;Website;Nieuwsbrief',
    ...pupils.map((p) =>
      [p.key, p.roepnaam, p.tussenvoegsel, p.achternaam, p.className, '12-03-2016', p.social, 'ja', 'ja'].join(';'),
    ),
  ];
  const file = path.join(dir, 'toestemming.csv');
  writeFileSync(file, rows.join('\r\n'), 'utf8');
  const source = await readConsentList(file);
  commitConsentImport(core.db, core.actor(), source, proposeMapping(source.rows, listChannels(core.db)), '2026-2027', {
    now: new Date('2026-09-01T08:00:00Z'),
    today: '2026-09-01',
  });
}
