// Everything the photo screen shows of one photo, loaded together: the photo, its regions with who they are, the
// detector's confidence per region, the decision for the chosen channel and date, and the hide style.
import type { Photo } from '../../../../../shared/library';
import type { RegionMatchView } from '../../../../../shared/people';
import type { Decision } from '../../../../../shared/policy';
import type { Settings } from '../../../../../shared/types';
import { call } from '../../../api';
import type { PublishTarget } from '../../../components/TargetPicker';
import { useQuery, type Query } from '../../../components/useQuery';

export interface PhotoData {
  readonly photo: Photo;
  /** Every region of the photo with who it is (dismissed ones too). */
  readonly matches: readonly RegionMatchView[];
  /** The detector's confidence per region id, where it has one. */
  readonly scores: ReadonlyMap<number, number | null>;
  readonly decision: Decision;
  readonly settings: Settings;
}

export function usePhotoData(photoHash: string, target: PublishTarget): Query<PhotoData> {
  return useQuery(JSON.stringify([photoHash, target]), async () => {
    const [photo, people, decided, settings] = await Promise.all([
      call('getPhoto', { hash: photoHash }),
      call('getPhotoPeople', { photoHash }),
      call('decidePhotos', { ...target, photoHashes: [photoHash] }),
      call('getSettings', {}),
    ]);
    const scores = new Map(people.regions.map((region) => [region.regionId, region.score]));
    return { photo, matches: people.regions, scores, decision: decided[0]!.decision, settings };
  });
}
