// Why indexing put a photo on "needs review" (an unreadable metadata block, regions written for another image):
// kept with the photo, so every decision and export sees it. Depends on 001 only.
import type { Migration } from './types';

export const migration003: Migration = {
  version: 3,
  name: 'photo-review',
  up(db) {
    db.exec(`
      -- A JSON list of { code, params }; empty for a photo whose metadata was read as written.
      ALTER TABLE photos ADD COLUMN review_reasons TEXT NOT NULL DEFAULT '[]'
        CHECK (json_valid(review_reasons) AND json_type(review_reasons) = 'array');
    `);
  },
};
