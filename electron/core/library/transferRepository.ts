// SQL of moving a laptop's registry into a school board (`fotowacht board migrate`): a clip's tracks linked to people
// follow the people to the board's ids (the tracks themselves stay on the laptop, like the photos' regions).
import type { IdMap, WritableDb } from '../db';
import { loadTempIdMap } from '../db';

/** Renumbers the tracks' people to the board's ids (inside the caller's transaction; foreign keys deferred). */
export function renumberVideoTrackPeople(db: WritableDb, people: IdMap): void {
  const map = loadTempIdMap(db, 'transfer_track_people', people);
  db.exec(`UPDATE video_tracks SET person_id = -person_id WHERE person_id IN (SELECT from_id FROM ${map});
    UPDATE video_tracks SET person_id = (SELECT to_id FROM ${map} WHERE from_id = -video_tracks.person_id)
      WHERE person_id < 0;`);
}
