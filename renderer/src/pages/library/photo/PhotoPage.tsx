// One photo: the large preview with every region drawn and labelled (PhotoCanvas), the people on it with linking,
// confirming, drawing and dismissing (RegionList), the decision in words (DecisionPanel), and a live preview of the
// export with the hidden regions covered as they will be.
import { useEffect, useId, useRef, useState } from 'react';
import type { Box } from '../../../../../shared/geometry';
import type { Photo } from '../../../../../shared/library';
import type { RegionMatchView } from '../../../../../shared/people';
import type { DecisionReason } from '../../../../../shared/policy';
import { call } from '../../../api';
import { ErrorAlert } from '../../../components/ErrorAlert';
import type { PublishTarget } from '../../../components/TargetPicker';
import { useAction } from '../../../components/useAction';
import { useChannels } from '../../../components/useChannels';
import { useMediaBase } from '../../../components/useMediaBase';
import { useI18n } from '../../../i18n';
import { statusTone } from '../decisions';
import { DecisionPanel } from './DecisionPanel';
import { boxStyle, PhotoCanvas } from './PhotoCanvas';
import { RegionList } from './RegionList';
import { usePhotoData } from './usePhotoData';

const fileName = (photo: Photo) => photo.paths[0]?.split(/[\\/]/).pop() ?? photo.hash.slice(0, 12);

export function PhotoPage({
  photoHash,
  eventName,
  target,
  position,
  onNavigate,
  onBack,
}: {
  photoHash: string;
  eventName: string;
  target: PublishTarget;
  position: { index: number; total: number } | null;
  onNavigate: (step: 1 | -1) => void;
  onBack: () => void;
}) {
  const { t, formatMoment } = useI18n();
  const ids = useId();
  const { label: channelLabel } = useChannels();
  const mediaBase = useMediaBase();
  const loaded = usePhotoData(photoHash, target);
  const action = useAction();
  const [exportPreview, setExportPreview] = useState(false);
  const [draft, setDraft] = useState<Box | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus({ preventScroll: true }), [photoHash]);

  /** A change to the photo's people; when it went through, the photo and its decision are loaded again. */
  async function act(work: () => Promise<unknown>, message: string) {
    if (await action.run(work, { done: message })) await loaded.reload();
  }

  const error = action.error ?? loaded.error;
  const back = (
    <button type="button" className="back" onClick={onBack}>
      {t('ui.photo.back', { event: eventName })}
    </button>
  );
  if (!loaded.data) {
    return (
      <section>
        {back}
        {error ? <ErrorAlert error={error} /> : <p>{t('common.loading')}</p>}
      </section>
    );
  }

  const { photo, matches, scores, decision, settings } = loaded.data;
  const reasonOf = new Map(
    decision.reasons
      .filter((reason): reason is DecisionReason & { regionId: number } => reason.regionId !== null)
      .map((reason) => [reason.regionId, reason]),
  );
  const boxed = matches.filter((match) => !match.dismissed && match.box);
  // A guest outranks a tagged name (the decision hides it): the label says so, not the tag.
  const labelOf = (match: RegionMatchView) =>
    match.guest ? t('ui.photo.guest') : (match.person?.name ?? (match.name || t('ui.photo.unknown')));
  const file = fileName(photo);

  return (
    <section className="photo-page" aria-labelledby={`${ids}-title`}>
      <div className="photo-nav">
        {back}
        {position && (
          <span className="actions">
            <button type="button" disabled={position.index <= 0} onClick={() => onNavigate(-1)}>
              {t('ui.photo.previous')}
            </button>
            <span className="muted">
              {t('ui.photo.position', { index: position.index + 1, total: position.total })}
            </span>
            <button type="button" disabled={position.index >= position.total - 1} onClick={() => onNavigate(1)}>
              {t('ui.photo.next')}
            </button>
          </span>
        )}
      </div>
      <h2 id={`${ids}-title`} ref={headingRef} tabIndex={-1}>
        {file} <span className={`badge ${statusTone(decision.status)}`}>{t(`policy.status.${decision.status}`)}</span>
      </h2>
      <div className="photo-layout">
        <div className="photo-main">
          <div className="actions">
            <label className="check">
              <input type="checkbox" checked={exportPreview} onChange={(e) => setExportPreview(e.target.checked)} />
              {t('ui.photo.preview')}
            </label>
            <button
              type="button"
              aria-pressed={draft !== null}
              onClick={() => setDraft(draft ? null : { x: 0.45, y: 0.4, w: 0.1, h: 0.15 })}
            >
              {t('ui.photo.draw')}
            </button>
          </div>
          <PhotoCanvas
            src={mediaBase ? `${mediaBase}previews/${photo.hash}.jpg` : null}
            alt={t('ui.photo.image', { file })}
            aspect={photo.displayWidth / photo.displayHeight}
            draft={draft}
            onDraft={setDraft}
            onSaveDraft={(box) =>
              void act(async () => {
                await call('addDrawnFace', { photoHash: photo.hash, box });
                setDraft(null);
              }, t('ui.photo.drawn'))
            }
          >
            {exportPreview
              ? decision.hidden.map((hidden, index) => (
                  <div
                    key={`mask-${index}`}
                    className={`export-mask ${settings.hideStyle}`}
                    style={boxStyle(hidden.maskBox)}
                    data-testid="export-mask"
                  />
                ))
              : boxed.map((match) => (
                  <div
                    key={match.regionId}
                    className={`region-box ${reasonOf.get(match.regionId)?.code === 'policy.visible' ? 'ok' : 'bad'}`}
                    style={boxStyle(match.box!)}
                    data-region={match.regionId}
                  >
                    <span className="region-label">{labelOf(match)}</span>
                  </div>
                ))}
          </PhotoCanvas>
          {draft && <p className="muted">{t('ui.photo.draw.help')}</p>}
          {exportPreview && <p className="muted">{t('ui.photo.preview.help')}</p>}
          <p className="muted">
            {t('ui.photo.file')}: {photo.paths.join(' · ')}
          </p>
        </div>

        <aside className="photo-side">
          <div role="status">{action.done && <p className="ok">{action.done}</p>}</div>
          <ErrorAlert error={error} />
          <DecisionPanel
            decision={decision}
            title={t('ui.photo.decision', { channel: channelLabel(target.channelId), date: formatMoment(target.date) })}
          />
          <RegionList
            matches={matches}
            labelOf={labelOf}
            scores={scores}
            reasonOf={reasonOf}
            onLink={(match, person) =>
              void act(
                () => call('linkRegion', { regionId: match.regionId, personId: person.personId }),
                t('ui.photo.linked', { name: person.name }),
              )
            }
            onUnlink={(match) =>
              void act(() => call('linkRegion', { regionId: match.regionId, personId: null }), t('ui.photo.unlink'))
            }
            onDismiss={(match) =>
              void act(() => call('dismissFace', { regionId: match.regionId }), t('ui.photo.dismissedDone'))
            }
          />
        </aside>
      </div>
    </section>
  );
}
