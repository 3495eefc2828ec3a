// One photo: the large preview with every region drawn and labelled, linking a region to a person, confirming a
// suggested match, drawing a missed face (mouse or keyboard), dismissing a false detection, the decision in words,
// and a live preview of the export with the hidden regions covered as they will be.
import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { displayName, type PersonListItem } from '../../../../shared/consent';
import type { SerializedError } from '../../../../shared/errors';
import type { PhotoFaces } from '../../../../shared/faces';
import type { Box } from '../../../../shared/geometry';
import type { MessageKey } from '../../../../shared/i18n';
import type { Photo } from '../../../../shared/library';
import type { PersonRef, RegionMatchView } from '../../../../shared/people';
import type { Decision, DecisionReason } from '../../../../shared/policy';
import type { Settings } from '../../../../shared/types';
import { call, errorOf } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { PublishTarget } from '../../components/TargetPicker';
import { useChannels } from '../../components/useChannels';
import { useMediaBase } from '../../components/useMediaBase';
import { useI18n } from '../../i18n';
import { statusTone } from './decisions';

interface PhotoData {
  readonly photo: Photo;
  readonly matches: readonly RegionMatchView[];
  readonly faces: PhotoFaces;
  readonly decision: Decision;
  readonly settings: Settings;
}

const pct = (value: number) => `${(value * 100).toFixed(3)}%`;
const boxStyle = (box: Box) => ({ left: pct(box.x), top: pct(box.y), width: pct(box.w), height: pct(box.h) });
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
  const [data, setData] = useState<PhotoData | null>(null);
  const [error, setError] = useState<SerializedError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [exportPreview, setExportPreview] = useState(false);
  const [draft, setDraft] = useState<Box | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  const load = useCallback(async () => {
    const [photo, matches, faces, decided, settings] = await Promise.all([
      call('getPhoto', { hash: photoHash }),
      call('getRegionMatches', { photoHash }),
      call('listPhotoFaces', { photoHash }),
      call('decidePhotos', { ...target, photoHashes: [photoHash] }),
      call('getSettings', {}),
    ]);
    return { photo, matches, faces, decision: decided[0]!.decision, settings };
  }, [photoHash, target]);

  const reload = useCallback(async () => {
    try {
      setData(await load());
    } catch (caught) {
      setError(errorOf(caught));
    }
  }, [load]);

  useEffect(() => {
    let live = true;
    load().then(
      (next) => {
        if (!live) return;
        setData(next);
        setError(null);
      },
      (caught: unknown) => live && setError(errorOf(caught)),
    );
    return () => {
      live = false;
    };
  }, [load]);
  useEffect(() => headingRef.current?.focus({ preventScroll: true }), [photoHash]);

  async function act(action: () => Promise<unknown>, message: string) {
    setError(null);
    setDone(null);
    try {
      await action();
      setDone(message);
      await reload();
    } catch (caught) {
      setError(errorOf(caught));
    }
  }

  const back = (
    <button type="button" className="back" onClick={onBack}>
      {t('ui.photo.back', { event: eventName })}
    </button>
  );
  if (!data) {
    return (
      <section>
        {back}
        {error ? <ErrorAlert error={error} /> : <p>{t('common.loading')}</p>}
      </section>
    );
  }

  const { photo, matches, faces, decision, settings } = data;
  const scoreOf = new Map(faces.regions.map((region) => [region.id, region.score]));
  const reasonOf = new Map(decision.reasons.filter((r) => r.regionId !== null).map((r) => [r.regionId!, r]));
  const live = matches.filter((match) => !match.dismissed);
  const dismissed = matches.filter((match) => match.dismissed);
  const boxed = live.filter((match) => match.box);
  const labelOf = (match: RegionMatchView) => match.person?.name ?? (match.name || t('ui.photo.unknown'));
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
              : boxed.map((match) => {
                  const reason = reasonOf.get(match.regionId);
                  const visible = reason?.code === 'policy.visible';
                  return (
                    <div
                      key={match.regionId}
                      className={`region-box ${visible ? 'ok' : 'bad'}`}
                      style={boxStyle(match.box!)}
                      data-region={match.regionId}
                    >
                      <span className="region-label">{labelOf(match)}</span>
                    </div>
                  );
                })}
          </PhotoCanvas>
          {draft && <p className="muted">{t('ui.photo.draw.help')}</p>}
          {exportPreview && <p className="muted">{t('ui.photo.preview.help')}</p>}
          <p className="muted">
            {t('ui.photo.file')}: {photo.paths.join(' · ')}
          </p>
        </div>

        <aside className="photo-side">
          <div role="status">{done && <p className="ok">{done}</p>}</div>
          <ErrorAlert error={error} />
          <section
            className="panel decision"
            aria-label={t('ui.photo.decision', {
              channel: channelLabel(target.channelId),
              date: formatMoment(target.date),
            })}
          >
            <h3>
              {t('ui.photo.decision', { channel: channelLabel(target.channelId), date: formatMoment(target.date) })}
            </h3>
            <p>
              <span className={`badge ${statusTone(decision.status)}`}>{t(`policy.status.${decision.status}`)}</span>
            </p>
            {decision.blockers.length > 0 && (
              <>
                <h4>{t('ui.photo.blockers')}</h4>
                <ul>
                  {decision.blockers.map((reason, index) => (
                    <li key={index}>
                      <ReasonText reason={reason} />
                    </li>
                  ))}
                </ul>
              </>
            )}
            {decision.reasons.length > 0 && (
              <>
                <h4>{t('ui.photo.reasons')}</h4>
                <ul>
                  {decision.reasons.map((reason, index) => (
                    <li key={index} className={reason.code === 'policy.visible' ? 'ok' : 'error'}>
                      <ReasonText reason={reason} />
                    </li>
                  ))}
                </ul>
              </>
            )}
          </section>

          <h3>{t('ui.photo.regions', { count: live.length })}</h3>
          {live.length === 0 && <p className="empty">{t('ui.photo.noRegions')}</p>}
          <ul className="region-list">
            {live.map((match) => (
              <RegionItem
                key={match.regionId}
                match={match}
                label={labelOf(match)}
                score={scoreOf.get(match.regionId) ?? null}
                reason={reasonOf.get(match.regionId) ?? null}
                onLink={(person) =>
                  void act(
                    () => call('linkRegion', { regionId: match.regionId, personId: person.personId }),
                    t('ui.photo.linked', { name: person.name }),
                  )
                }
                onUnlink={() =>
                  void act(() => call('linkRegion', { regionId: match.regionId, personId: null }), t('ui.photo.unlink'))
                }
                onDismiss={() =>
                  void act(() => call('dismissFace', { regionId: match.regionId }), t('ui.photo.dismissedDone'))
                }
              />
            ))}
          </ul>
          {dismissed.length > 0 && (
            <details>
              <summary>
                {t('ui.photo.dismissed')} ({dismissed.length})
              </summary>
              <ul>
                {dismissed.map((match) => (
                  <li key={match.regionId} className="muted">
                    {labelOf(match)} · {t(`ui.photo.source.${match.source}`)}
                  </li>
                ))}
              </ul>
            </details>
          )}
        </aside>
      </div>
    </section>
  );
}

function ReasonText({ reason }: { reason: DecisionReason }) {
  const { t } = useI18n();
  return <>{t(reason.code as MessageKey, reason.params)}</>;
}

/** The preview image with its overlays; in draw mode a box to drag with the mouse or move with the keys. */
function PhotoCanvas({
  src,
  alt,
  aspect,
  draft,
  onDraft,
  onSaveDraft,
  children,
}: {
  src: string | null;
  alt: string;
  aspect: number;
  draft: Box | null;
  onDraft: (box: Box | null) => void;
  onSaveDraft: (box: Box) => void;
  children: React.ReactNode;
}) {
  const { t } = useI18n();
  const frame = useRef<HTMLDivElement>(null);
  const draftRef = useRef<HTMLDivElement>(null);
  const dragStart = useRef<{ x: number; y: number } | null>(null);
  const drawing = draft !== null;
  useEffect(() => {
    if (drawing) draftRef.current?.focus();
  }, [drawing]);

  const point = (event: MouseEvent) => {
    const rect = frame.current!.getBoundingClientRect();
    return {
      x: Math.min(1, Math.max(0, (event.clientX - rect.left) / rect.width)),
      y: Math.min(1, Math.max(0, (event.clientY - rect.top) / rect.height)),
    };
  };
  const fromDrag = (a: { x: number; y: number }, b: { x: number; y: number }): Box => ({
    x: Math.min(a.x, b.x),
    y: Math.min(a.y, b.y),
    w: Math.abs(a.x - b.x),
    h: Math.abs(a.y - b.y),
  });

  function onKeyDown(event: KeyboardEvent) {
    if (!draft) return;
    const step = 0.01;
    const clamp = (box: Box): Box => {
      const w = Math.min(1, Math.max(0.01, box.w));
      const h = Math.min(1, Math.max(0.01, box.h));
      return { x: Math.min(1 - w, Math.max(0, box.x)), y: Math.min(1 - h, Math.max(0, box.y)), w, h };
    };
    const moves: Record<string, [number, number]> = {
      ArrowLeft: [-step, 0],
      ArrowRight: [step, 0],
      ArrowUp: [0, -step],
      ArrowDown: [0, step],
    };
    const move = moves[event.key];
    if (move) {
      event.preventDefault();
      onDraft(
        clamp(
          event.shiftKey
            ? { ...draft, w: draft.w + move[0], h: draft.h + move[1] }
            : { ...draft, x: draft.x + move[0], y: draft.y + move[1] },
        ),
      );
    } else if (event.key === 'Enter') {
      event.preventDefault();
      onSaveDraft(draft);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      onDraft(null);
    }
  }

  return (
    <div className="photo-frame-wrap">
      <div
        ref={frame}
        className={`photo-frame${drawing ? ' drawing' : ''}`}
        style={{ aspectRatio: String(aspect) }}
        onMouseDown={(event) => {
          if (!drawing) return;
          event.preventDefault();
          dragStart.current = point(event);
        }}
        onMouseMove={(event) => {
          if (!drawing || !dragStart.current) return;
          onDraft(fromDrag(dragStart.current, point(event)));
        }}
        onMouseUp={(event) => {
          if (!drawing || !dragStart.current) return;
          const box = fromDrag(dragStart.current, point(event));
          dragStart.current = null;
          if (box.w > 0.005 && box.h > 0.005) onDraft(box);
          draftRef.current?.focus();
        }}
      >
        {src && <img src={src} alt={alt} draggable={false} />}
        {children}
        {draft && (
          <div
            ref={draftRef}
            className="draft-box"
            style={boxStyle(draft)}
            tabIndex={0}
            role="application"
            aria-label={t('ui.photo.draw.area')}
            onKeyDown={onKeyDown}
          />
        )}
      </div>
      {draft && (
        <div className="actions">
          <button type="button" className="primary" onClick={() => onSaveDraft(draft)}>
            {t('ui.photo.draw.save')}
          </button>
          <button type="button" onClick={() => onDraft(null)}>
            {t('ui.cancel')}
          </button>
        </div>
      )}
    </div>
  );
}

function RegionItem({
  match,
  label,
  score,
  reason,
  onLink,
  onUnlink,
  onDismiss,
}: {
  match: RegionMatchView;
  label: string;
  score: number | null;
  reason: DecisionReason | null;
  onLink: (person: PersonRef) => void;
  onUnlink: () => void;
  onDismiss: () => void;
}) {
  const { t } = useI18n();
  const [linking, setLinking] = useState(false);
  const className = (person: PersonRef) => (person.className ? ` (${person.className})` : '');
  const statusText =
    match.status === 'linked' || match.status === 'matched'
      ? t(`ui.photo.match.${match.status}`, { name: match.person?.name ?? '' })
      : match.status === 'ambiguous'
        ? t('ui.photo.match.ambiguous', { count: match.candidates.length })
        : t(`ui.photo.match.${match.status}`);
  const confirmable = [
    ...(match.offered && match.status !== 'linked'
      ? [{ person: match.offered, key: 'ui.photo.offered' as const }]
      : []),
    ...(match.status === 'unmatched' || match.status === 'ambiguous' || match.status === 'unknown'
      ? [...match.candidates, ...match.suggestions]
          .filter((person) => person.personId !== match.offered?.personId)
          .slice(0, 3)
          .map((person) => ({ person, key: 'ui.photo.suggestion' as const }))
      : []),
  ];
  return (
    <li className="region-item" data-region={match.regionId} aria-label={label}>
      <div className="region-head">
        <strong>{label}</strong>
        {reason && (
          <span className={`badge ${reason.code === 'policy.visible' ? 'ok' : 'bad'}`}>
            {t(reason.code === 'policy.visible' ? 'ui.photo.visible' : 'ui.photo.hidden')}
          </span>
        )}
      </div>
      {reason && (
        <div className={reason.code === 'policy.visible' ? 'ok' : 'error'}>
          <ReasonText reason={reason} />
        </div>
      )}
      <div className="muted">
        {[
          t(`ui.photo.source.${match.source}`),
          score !== null && match.source === 'detector'
            ? t('ui.photo.score', { score: Math.round(score * 100) })
            : null,
          match.box ? null : t('ui.photo.noBox'),
          statusText,
        ]
          .filter(Boolean)
          .join(' · ')}
      </div>
      {confirmable.map(({ person, key }) => (
        <div key={`${key}-${person.personId}`} className="suggestion">
          <span>{t(key, { name: person.name, className: className(person) })}</span>
          <button type="button" onClick={() => onLink(person)}>
            {t('ui.photo.confirm', { name: person.name })}
          </button>
        </div>
      ))}
      <div className="row-actions">
        <button type="button" aria-expanded={linking} onClick={() => setLinking(!linking)}>
          {t('ui.photo.link')}
        </button>
        {match.status === 'linked' && (
          <button type="button" onClick={onUnlink}>
            {t('ui.photo.unlink')}
          </button>
        )}
        {match.source !== 'file' && match.box && (
          <button type="button" aria-label={t('ui.photo.dismissOf', { label })} onClick={onDismiss}>
            {t('ui.photo.dismiss')}
          </button>
        )}
      </div>
      {linking && (
        <PersonSearch
          onPick={(person) => {
            setLinking(false);
            onLink(person);
          }}
          onCancel={() => setLinking(false)}
        />
      )}
    </li>
  );
}

/** Type-ahead over the registry: arrow keys through the results, Enter picks, Escape closes. */
function PersonSearch({ onPick, onCancel }: { onPick: (person: PersonRef) => void; onCancel: () => void }) {
  const { t } = useI18n();
  const ids = useId();
  const [search, setSearch] = useState('');
  const [found, setResults] = useState<readonly PersonListItem[]>([]);
  const results = search.trim() ? found : [];
  const [active, setActive] = useState(0);
  useEffect(() => {
    let live = true;
    if (!search.trim()) return;
    const timer = window.setTimeout(() => {
      call('listPeople', { search: search.trim(), limit: 8 }).then(
        (list) => {
          if (!live) return;
          setResults(list);
          setActive(0);
        },
        () => undefined,
      );
    }, 100);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [search]);
  const pick = (person: PersonListItem) =>
    onPick({ personId: person.id, name: displayName(person), className: person.className ?? null });
  return (
    <div className="person-search">
      <label className="field">
        <span>{t('ui.photo.link.search')}</span>
        <input
          type="search"
          role="combobox"
          aria-expanded={results.length > 0}
          aria-controls={`${ids}-results`}
          aria-activedescendant={results[active] ? `${ids}-${results[active].id}` : undefined}
          autoFocus
          value={search}
          placeholder={t('ui.photo.link.placeholder')}
          onChange={(event) => setSearch(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'ArrowDown') {
              event.preventDefault();
              setActive(Math.min(results.length - 1, active + 1));
            } else if (event.key === 'ArrowUp') {
              event.preventDefault();
              setActive(Math.max(0, active - 1));
            } else if (event.key === 'Enter' && results[active]) {
              event.preventDefault();
              pick(results[active]);
            } else if (event.key === 'Escape') {
              event.preventDefault();
              onCancel();
            }
          }}
        />
      </label>
      <ul id={`${ids}-results`} role="listbox" className="search-results">
        {results.map((person, index) => (
          <li
            key={person.id}
            id={`${ids}-${person.id}`}
            role="option"
            aria-selected={index === active}
            className={index === active ? 'active' : undefined}
            onMouseDown={(event) => {
              event.preventDefault();
              pick(person);
            }}
          >
            {displayName(person)}{' '}
            <span className="muted">{[person.externalKey, person.className].filter(Boolean).join(' · ')}</span>
          </li>
        ))}
      </ul>
      {search.trim() && results.length === 0 && <p className="muted">{t('ui.photo.link.none')}</p>}
    </div>
  );
}
