// The clips of a publish summary (issue 15): each with its poster and play badge, its length, its decision, how many
// tracks will be masked and why it may not go out, with a reason to override an overridable block; and the choice to
// keep the clips' sound (off by default).
import { OVERRIDE_REASON_MAX, overrideReasonOf } from '../../../../shared/policy';
import type { ClipDecisionView } from '../../../../shared/publish';
import type { FrameProgress } from '../../../../shared/types';
import { TableHead } from '../../components/TableHead';
import { useMediaBase } from '../../components/useMediaBase';
import { useI18n } from '../../i18n';
import { statusTone } from '../library/decisions';
import { ProblemText } from './ProblemTable';

function clipLength(seconds: number): string {
  const whole = Math.round(seconds);
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}

export function ClipTable({
  clips,
  overrides,
  onOverrides,
  officer,
}: {
  clips: readonly ClipDecisionView[];
  /** Clip hash → the reason typed so far (the same map as the photos'). */
  overrides: Readonly<Record<string, string>>;
  onOverrides: (overrides: Readonly<Record<string, string>>) => void;
  officer: boolean;
}) {
  const { t } = useI18n();
  const mediaBase = useMediaBase();
  return (
    <section className="clips" aria-label={t('ui.publishClips.title', { count: clips.length })}>
      <h3>{t('ui.publishClips.title', { count: clips.length })}</h3>
      <p className="warning-note" role="note">
        {t('ui.publishClips.watch')}
      </p>
      <table className="table compact">
        <TableHead
          columns={[
            'ui.publishClips.col.clip',
            'ui.publishClips.col.length',
            'ui.col.status',
            'ui.publishClips.col.hidden',
            'ui.publishClips.col.reasons',
            'ui.publish.override',
          ]}
        />
        <tbody>
          {clips.map((clip) => {
            const { decision } = clip;
            const mayOverride = decision.overridable || (decision.officerOverridable && officer);
            return (
              <tr key={clip.videoHash} data-hash={clip.videoHash}>
                <td>
                  <span className="problem-photo">
                    <span className="video-poster small">
                      {mediaBase && (
                        <img
                          src={`${mediaBase}thumbs/${clip.videoHash}.webp`}
                          alt=""
                          onError={(e) => (e.currentTarget.style.visibility = 'hidden')}
                        />
                      )}
                      <span className="play-badge" role="img" aria-label={t('ui.video.badge')}>
                        ▶
                      </span>
                    </span>
                    <span>{clip.sourceName}</span>
                  </span>
                </td>
                <td>{clipLength(clip.durationSeconds)}</td>
                <td>
                  <span className={`badge ${statusTone(decision.status)}`}>{t(`ui.status.${decision.status}`)}</span>
                </td>
                <td>
                  {decision.status === 'blocked' || decision.status === 'needs_review'
                    ? '–'
                    : decision.hiddenTracks.length}
                </td>
                <td>
                  <ul className="plain">
                    {decision.blockers.map((blocker, i) => (
                      <li key={i}>
                        <ProblemText code={blocker.code} params={blocker.params} />
                      </li>
                    ))}
                  </ul>
                </td>
                <td>
                  {mayOverride && (
                    <label className="field">
                      <span className="visually-hidden">
                        {t('ui.publishClips.overrideOf', { file: clip.sourceName })}
                      </span>
                      <input
                        type="text"
                        name={`override-${clip.videoHash}`}
                        value={overrides[clip.videoHash] ?? ''}
                        maxLength={OVERRIDE_REASON_MAX}
                        placeholder={t('ui.publish.override.help')}
                        onChange={(e) => onOverrides({ ...overrides, [clip.videoHash]: e.target.value })}
                      />
                      {overrideReasonOf(overrides[clip.videoHash]) && (
                        <small className="ok">{t('ui.publish.overridden')}</small>
                      )}
                    </label>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

/** The choice to keep the clips' sound: off unless the person exporting ticks it, with why. */
export function AudioChoice({ keepAudio, onKeepAudio }: { keepAudio: boolean; onKeepAudio: (keep: boolean) => void }) {
  const { t } = useI18n();
  return (
    <div className="form-row">
      <label className="check">
        <input type="checkbox" name="keepAudio" checked={keepAudio} onChange={(e) => onKeepAudio(e.target.checked)} />
        <span>
          {t('ui.publishClips.audio')}
          <small className="block muted">{t('ui.publishClips.audio.help')}</small>
        </span>
      </label>
    </div>
  );
}

/** A clip's export in frames and seconds, beside the export's progress bar. */
export function FramesText({ frames }: { frames: FrameProgress }) {
  const { t } = useI18n();
  const total = Math.max(frames.done, frames.total);
  const seconds = (count: number) => (count / frames.frameRate).toFixed(1);
  return (
    <span className="frames">
      {t('ui.publishClips.frames', {
        done: frames.done,
        total,
        seconds: seconds(frames.done),
        totalSeconds: seconds(total),
      })}
    </span>
  );
}
