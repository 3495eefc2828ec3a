// One photo of the review: its thumbnail for context, its decision (green, amber, red) and burst, and a crop of
// each face or region with who it is now; a click focuses a face.
import { memo } from 'react';
import type { Box } from '../../../../shared/geometry';
import type { ReviewItem, ReviewPhoto } from '../../../../shared/review';
import { useI18n } from '../../i18n';
import { statusTone } from '../library/decisions';

const CROP = 96; // px

/** The face with a margin, scaled to fill the crop: the preview (or a clip's still) placed behind a window. */
export function cropStyle(box: Box, photo: { readonly width: number; readonly height: number }) {
  const pad = 0.35;
  const w = box.w * (1 + 2 * pad) * photo.width;
  const h = box.h * (1 + 2 * pad) * photo.height;
  const scale = Math.min(CROP / w, CROP / h);
  const width = photo.width * scale;
  const height = photo.height * scale;
  const cx = (box.x + box.w / 2) * width;
  const cy = (box.y + box.h / 2) * height;
  return { width, height, left: CROP / 2 - cx, top: CROP / 2 - cy };
}

function stateText(t: ReturnType<typeof useI18n>['t'], item: ReviewItem): string {
  if (item.state === 'notAPerson') return t('ui.review.state.notAPerson');
  if (item.state === 'guest') return t('ui.review.state.guest');
  if (item.person) return t('ui.review.state.person', { name: item.person.name });
  if (item.status === 'ambiguous') return t('ui.review.state.ambiguous', { name: item.tagName });
  if (item.status === 'unmatched') return t('ui.review.state.unmatched', { name: item.tagName });
  return t('ui.review.state.open');
}

interface PhotoGroupProps {
  photo: ReviewPhoto;
  mediaBase: string | null;
  /** The focused face, when it is on this photo. */
  focus: number | null;
  onFocus: (regionId: number) => void;
}

const sameItem = (a: ReviewItem, b: ReviewItem) =>
  a.regionId === b.regionId &&
  a.state === b.state &&
  a.status === b.status &&
  a.needsName === b.needsName &&
  a.visibility === b.visibility &&
  a.person?.personId === b.person?.personId &&
  a.person?.name === b.person?.name &&
  a.offer?.person.personId === b.offer?.person.personId;

/**
 * Drawn again only when what it shows changed: a photo a step did not touch is the same object (compared at once);
 * a touched one is compared item by item, and a key typed in the name field must not redraw 30 photos with 120 crops.
 */
function samePhoto(before: PhotoGroupProps, after: PhotoGroupProps): boolean {
  const a = before.photo;
  const b = after.photo;
  return (
    before.focus === after.focus &&
    before.mediaBase === after.mediaBase &&
    before.onFocus === after.onFocus &&
    (a === b ||
      (a.photoHash === b.photoHash &&
        a.decision === b.decision &&
        a.burst === b.burst &&
        a.items.length === b.items.length &&
        a.items.every((item, index) => sameItem(item, b.items[index]!))))
  );
}

export const PhotoGroup = memo(function PhotoGroup({ photo, mediaBase, focus, onFocus }: PhotoGroupProps) {
  const { t } = useI18n();
  const tone = photo.decision ? statusTone(photo.decision) : 'bad';
  return (
    <li className={`review-photo ${tone}`} data-hash={photo.photoHash} data-decision={photo.decision ?? ''}>
      <div className="review-photo-head">
        {mediaBase && <img className="review-thumb" src={`${mediaBase}thumbs/${photo.photoHash}.webp`} alt="" />}
        <div>
          <div className="review-file">{photo.fileName}</div>
          {photo.decision && (
            <span className={`badge ${tone}`} data-testid="photo-decision">
              {t(`ui.status.${photo.decision}`)}
            </span>
          )}
          {photo.burst !== null && <span className="muted"> {t('ui.review.burst', { number: photo.burst })}</span>}
        </div>
      </div>
      <ul className="review-faces">
        {photo.items.map((item, index) => (
          <li key={item.regionId}>
            <button
              type="button"
              id={`face-${item.regionId}`}
              className={`review-face state-${item.state}${item.needsName ? ' needs-name' : ''}${
                item.regionId === focus ? ' focused' : ''
              }`}
              aria-current={item.regionId === focus ? 'true' : undefined}
              aria-label={t('ui.review.face', { index: index + 1, file: photo.fileName })}
              data-region={item.regionId}
              data-state={item.state}
              data-visibility={item.visibility ?? ''}
              data-person={item.person?.personId ?? ''}
              tabIndex={-1}
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => onFocus(item.regionId)}
            >
              <span className="review-crop">
                {mediaBase && item.box && (
                  <img src={`${mediaBase}previews/${photo.photoHash}.jpg`} alt="" style={cropStyle(item.box, photo)} />
                )}
              </span>
              <span className="review-face-label">{stateText(t, item)}</span>
              {item.visibility && (
                <span className={`review-face-visibility ${item.visibility === 'visible' ? 'ok' : 'warn'}`}>
                  {t(`ui.review.visibility.${item.visibility}`)}
                </span>
              )}
            </button>
          </li>
        ))}
      </ul>
    </li>
  );
}, samePhoto);
