// One clip of the review: its poster and name, and each face track as one row — a few crops along the track (cut
// from stills of the clip the app caches) with who it is now; a click focuses a track. The focused track can be
// split at one of its crops where two people cross.
import { memo, useEffect, useState } from 'react';
import type { ReviewClip, ReviewTrack } from '../../../../shared/reviewClips';
import { call } from '../../api';
import { useI18n } from '../../i18n';
import { cropStyle } from './PhotoGroup';

function time(seconds: number): string {
  const whole = Math.floor(seconds);
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}.${String(Math.floor((seconds - whole) * 10))}`;
}

function stateText(t: ReturnType<typeof useI18n>['t'], track: ReviewTrack): string {
  if (track.state === 'notAPerson') return t('ui.review.state.notAPerson');
  if (track.state === 'guest') return t('ui.review.state.guest');
  if (track.person) return t('ui.review.state.person', { name: track.person.name });
  return t('ui.review.state.open');
}

const finished = (state: string) => state === 'done' || state === 'failed' || state === 'cancelled';

/**
 * Has the app cache the stills the event's tracks are cropped from (again after a split); answers the number of
 * the stills' round (a new number draws the crops again, fetching what was missing), null before the first is done.
 */
export function useTrackFrames(eventId: number, wanted: boolean, splits: number): number | null {
  const [round, setRound] = useState<number | null>(null);
  useEffect(() => {
    if (!wanted) return;
    let live = true;
    let unsubscribe: (() => void) | null = null;
    const ready = () => live && setRound((current) => (current ?? 0) + 1);
    call('prepareReviewTrackFrames', { eventId }).then(({ jobId }) => {
      if (!live) return;
      if (jobId === null) return ready();
      unsubscribe = window.api.onJobProgress((progress) => {
        if (progress.jobId === jobId && finished(progress.state)) ready();
      });
      // The job may have ended before we listened.
      void call('listJobs', {}).then((jobs) => {
        const job = jobs.find((candidate) => candidate.jobId === jobId);
        if (!job || finished(job.state)) ready();
      });
    }, ready);
    return () => {
      live = false;
      unsubscribe?.();
    };
  }, [eventId, wanted, splits]);
  return round;
}

interface ClipGroupProps {
  clip: ReviewClip;
  mediaBase: string | null;
  /** The round of stills on hand (null: none yet). */
  frames: number | null;
  /** The focused track, when it is in this clip. */
  focus: number | null;
  onFocus: (trackId: number) => void;
  onSplit: (trackId: number, atFrame: number) => void;
}

export const ClipGroup = memo(function ClipGroup({ clip, mediaBase, frames, focus, onFocus, onSplit }: ClipGroupProps) {
  const { t } = useI18n();
  return (
    <li className="review-photo review-clip" data-video={clip.videoHash}>
      <div className="review-photo-head">
        {mediaBase && <img className="review-thumb" src={`${mediaBase}thumbs/${clip.videoHash}.webp`} alt="" />}
        <div>
          <div className="review-file">{clip.fileName}</div>
          <span className="badge">{t('ui.review.clip.badge')}</span>
          {!clip.scanned && <p className="muted">{t('ui.review.clip.notScanned')}</p>}
          {clip.scanned && clip.tracks.length === 0 && <p className="muted">{t('ui.review.clip.noTracks')}</p>}
        </div>
      </div>
      <ul className="review-faces review-tracks">
        {clip.tracks.map((track, index) => {
          const focused = track.trackId === focus;
          return (
            <li key={track.trackId} className="review-track">
              <button
                type="button"
                id={`track-${track.trackId}`}
                className={`review-face review-track-face state-${track.state}${track.needsName ? ' needs-name' : ''}${
                  focused ? ' focused' : ''
                }`}
                aria-current={focused ? 'true' : undefined}
                aria-label={t('ui.review.track', {
                  index: index + 1,
                  file: clip.fileName,
                  from: time(track.startSeconds),
                  to: time(track.endSeconds),
                })}
                data-track={track.trackId}
                data-state={track.state}
                data-person={track.person?.personId ?? ''}
                tabIndex={-1}
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => onFocus(track.trackId)}
              >
                <span className="review-track-crops">
                  {track.crops.map((crop) => (
                    <span className="review-crop" key={crop.frame} data-frame={crop.frame}>
                      {mediaBase && frames !== null && (
                        <img
                          key={frames}
                          src={`${mediaBase}previews/${clip.videoHash}-f${crop.frame}.jpg`}
                          alt=""
                          style={cropStyle(crop.box, clip)}
                          onError={(event) => (event.currentTarget.style.visibility = 'hidden')}
                        />
                      )}
                    </span>
                  ))}
                </span>
                <span className="review-face-label">{stateText(t, track)}</span>
                <span className="muted review-track-span">
                  {t('ui.review.track.span', {
                    from: time(track.startSeconds),
                    to: time(track.endSeconds),
                    frames: track.lastFrame - track.firstFrame + 1,
                  })}
                  {track.splitFrom !== null && ` · ${t('ui.review.track.splitFrom', { track: track.splitFrom })}`}
                </span>
              </button>
              {focused && track.crops.length > 1 && (
                <div className="review-track-split" title={t('ui.review.track.split.help')}>
                  {track.crops.slice(1).map((crop) => (
                    <button
                      key={crop.frame}
                      type="button"
                      data-split-frame={crop.frame}
                      aria-label={t('ui.review.track.split.label', { track: track.trackId, time: time(crop.seconds) })}
                      onMouseDown={(event) => event.preventDefault()}
                      onClick={() => onSplit(track.trackId, crop.frame)}
                    >
                      {t('ui.review.track.split')} {time(crop.seconds)}
                    </button>
                  ))}
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </li>
  );
});
