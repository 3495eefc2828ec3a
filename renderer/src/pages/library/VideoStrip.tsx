// The video clips of an event (issue 15): each clip's poster with a play badge, its length and what it carries
// (location, sound, names) and its decision for the chosen channel and date.
import type { LibraryEvent } from '../../../../shared/library';
import { call } from '../../api';
import type { PublishTarget } from '../../components/TargetPicker';
import { useMediaBase } from '../../components/useMediaBase';
import { useQuery } from '../../components/useQuery';
import { useI18n } from '../../i18n';
import { statusTone } from './decisions';

function clipLength(seconds: number): { minutes: string; seconds: string } {
  const whole = Math.round(seconds);
  return { minutes: String(Math.floor(whole / 60)), seconds: String(whole % 60).padStart(2, '0') };
}

export function VideoStrip({
  event,
  generation,
  target,
}: {
  event: LibraryEvent;
  generation: number;
  /** The channel and date chosen above the grid: each clip's decision for them. */
  target: PublishTarget;
}) {
  const { t } = useI18n();
  const mediaBase = useMediaBase();
  const videos = useQuery(JSON.stringify(['videos', event.id, generation]), () =>
    call('listEventVideos', { eventId: event.id }),
  ).data;
  const decided = useQuery(JSON.stringify(['clipDecisions', event.id, generation, target]), () =>
    call('decideClips', { ...target, eventId: event.id }),
  ).data;
  const statusOf = new Map((decided ?? []).map((clip) => [clip.videoHash, clip.decision.status]));
  if (!videos || videos.length === 0) return null;
  return (
    <section className="video-strip" aria-label={t('ui.video.list', { event: event.name })}>
      <h3>{t('ui.video.title', { count: videos.length })}</h3>
      <p className="muted">{t('ui.video.help')}</p>
      <ul>
        {videos.map((video) => {
          const file = video.paths[0]?.split(/[\\/]/).pop() ?? video.hash.slice(0, 12);
          return (
            <li key={video.hash} className="video-cell" data-hash={video.hash}>
              <div className="video-poster">
                {mediaBase && (
                  <img
                    src={`${mediaBase}thumbs/${video.hash}.webp`}
                    alt=""
                    loading="lazy"
                    draggable={false}
                    onError={(e) => (e.currentTarget.style.visibility = 'hidden')}
                  />
                )}
                <span className="play-badge" role="img" aria-label={t('ui.video.badge')}>
                  ▶
                </span>
                <span className="video-length">{t('ui.video.duration', clipLength(video.durationSeconds))}</span>
              </div>
              <div className="video-caption">
                <span className="video-name">{file}</span>
                {statusOf.has(video.hash) && (
                  <span className={`badge ${statusTone(statusOf.get(video.hash)!)}`}>
                    {t(`ui.status.${statusOf.get(video.hash)!}`)}
                  </span>
                )}
                {video.hasGps && <span className="badge">{t('ui.video.gps')}</span>}
                {video.hasAudio && <span className="badge">{t('ui.video.audio')}</span>}
                {video.people.length > 0 && (
                  <span className="muted">{t('ui.video.people', { names: video.people.join(', ') })}</span>
                )}
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
