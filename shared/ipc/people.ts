// IPC methods of people in photos: who is in a photo (one call for the photo screen), linking a region to a person.
import { z } from 'zod';
import type { PhotoPeople } from '../people';
import { method } from './method';

const photoHash = z.string().regex(/^[0-9a-f]{64}$/);
const id = z.number().int().positive();

export const peopleContract = {
  /** Every region of a photo (dismissed ones too) with who it is and whether it counts, and which detector looked. */
  getPhotoPeople: method<PhotoPeople>()(z.object({ photoHash }).strict()),
  /** Links a region to a person (null removes the link); answers with the photo's people as they are now. */
  linkRegion: method<PhotoPeople>()(z.object({ regionId: id, personId: id.nullable() }).strict()),
};
