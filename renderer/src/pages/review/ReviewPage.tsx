// The event review: every face of an event (or of its picks) in one grid grouped by photo, and every face track of
// its clips (one row per track) grouped by clip, named by keyboard from a type-ahead over the event's roster — Enter
// names, Delete "not a person", "-" guest, Ctrl+Z undo — with each photo's decision and the counts changing as you
// go. Bursts offer "the same person?" by position only.
import { useCallback, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { SerializedError } from '../../../../shared/errors';
import type { LibraryEvent } from '../../../../shared/library';
import { rankPeople, type ReviewPeople, type ReviewPerson } from '../../../../shared/review';
import { call, errorOf } from '../../api';
import { Busy } from '../../components/Busy';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Field } from '../../components/Field';
import type { PublishTarget } from '../../components/TargetPicker';
import { useMediaBase } from '../../components/useMediaBase';
import { useI18n } from '../../i18n';
import { ClipGroup, useTrackFrames } from './ClipGroup';
import { PhotoGroup } from './PhotoGroup';
import { RosterPanel } from './RosterPanel';
import { faceElementId, regionKey, trackKey, useReviewSession, type FaceKey } from './useReviewSession';

/** The id of the focused face when it is one of these (region ids of a photo, track ids of a clip). */
function focusAmong(focus: FaceKey | null, key: (id: number) => FaceKey, ids: readonly number[]): number | null {
  return focus === null ? null : (ids.find((id) => key(id) === focus) ?? null);
}

function useReviewPeople(eventId: number) {
  const [people, setPeople] = useState<ReviewPeople | null>(null);
  const [error, setError] = useState<SerializedError | null>(null);
  useEffect(() => {
    let live = true;
    call('getReviewPeople', { eventId }).then(
      (loaded) => live && setPeople(loaded),
      (caught: unknown) => live && setError(errorOf(caught)),
    );
    return () => {
      live = false;
    };
  }, [eventId]);
  const setRoster = (classes: readonly string[]) =>
    call('setEventRoster', { eventId, classes: [...classes] }).then(setPeople, (caught: unknown) =>
      setError(errorOf(caught)),
    );
  return { people, error, setRoster };
}

const toRef = (person: ReviewPerson) => ({
  personId: person.personId,
  name: person.name,
  className: person.className,
});

export function ReviewPage({
  event,
  target,
  onBack,
}: {
  event: LibraryEvent;
  target: PublishTarget;
  onBack: () => void;
}) {
  const { t } = useI18n();
  const ids = useId();
  const mediaBase = useMediaBase();
  const session = useReviewSession(event.id, target);
  const roster = useReviewPeople(event.id);
  const [text, setText] = useState('');
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);

  const results = useMemo(() => rankPeople(roster.people?.people ?? [], text), [roster.people, text]);
  const focused = session.faces.find((face) => face.key === session.focus) ?? null;
  const hasTracks = session.review?.clips.some((clip) => clip.tracks.length > 0) ?? false;
  const frames = useTrackFrames(event.id, hasTracks, session.splits);
  const offer = !text.trim() && focused?.needsName ? focused.offer : null;

  // Keep the focused face in view and the keyboard in the name field.
  useEffect(() => {
    if (session.focus !== null)
      document.getElementById(faceElementId(session.focus))?.scrollIntoView({ block: 'nearest' });
  }, [session.focus]);
  useEffect(() => input.current?.focus(), [session.review]);

  const { setFocus, split } = session;
  const focusFace = useCallback(
    (regionId: number) => {
      setFocus(regionKey(regionId));
      input.current?.focus();
    },
    [setFocus],
  );
  const focusTrack = useCallback(
    (trackId: number) => {
      setFocus(trackKey(trackId));
      input.current?.focus();
    },
    [setFocus],
  );
  const splitTrack = useCallback(
    (trackId: number, atFrame: number) => {
      split(trackId, atFrame);
      input.current?.focus();
    },
    [split],
  );

  const done = () => {
    setText('');
    setActive(0);
  };

  function onKeyDown(keyEvent: KeyboardEvent<HTMLInputElement>) {
    const key = keyEvent.key;
    const empty = text.trim() === '';
    if ((keyEvent.ctrlKey || keyEvent.metaKey) && key.toLowerCase() === 'z') {
      keyEvent.preventDefault();
      session.undo();
      done();
    } else if (key === 'Enter') {
      keyEvent.preventDefault();
      const chosen = results[active];
      if (!empty && chosen) {
        session.act({ kind: 'person', personId: chosen.personId }, toRef(chosen));
        done();
      } else if (empty && offer) {
        session.act({ kind: 'person', personId: offer.person.personId }, offer.person);
        done();
      }
    } else if (key === 'Delete') {
      keyEvent.preventDefault();
      session.act({ kind: 'notAPerson' });
      done();
    } else if (key === '-' && empty) {
      keyEvent.preventDefault();
      session.act({ kind: 'guest' });
      done();
    } else if (key === 'ArrowDown' && !empty) {
      keyEvent.preventDefault();
      setActive(Math.min(results.length - 1, active + 1));
    } else if (key === 'ArrowUp' && !empty) {
      keyEvent.preventDefault();
      setActive(Math.max(0, active - 1));
    } else if ((key === 'ArrowRight' || key === 'ArrowLeft') && empty) {
      keyEvent.preventDefault();
      session.move(key === 'ArrowRight' ? 1 : -1);
    } else if (key === 'Escape') {
      keyEvent.preventDefault();
      done();
    }
  }

  const review = session.review;
  const counts = review?.counts;
  return (
    <section className="review" aria-labelledby={`${ids}-title`} data-pending={session.pending}>
      <button type="button" className="back" onClick={onBack}>
        {t('ui.review.back')}
      </button>
      <h2 id={`${ids}-title`}>{t('ui.review.title', { event: event.name })}</h2>
      <ErrorAlert error={session.error ?? roster.error} />
      {review && review.picks > 0 && (
        <div className="filters" role="radiogroup" aria-label={t('ui.review.scope')}>
          {(['picks', 'event'] as const).map((scope) => (
            <label key={scope} className="check">
              <input
                type="radio"
                name="scope"
                checked={session.scope === scope}
                onChange={() => session.setScope(scope)}
              />
              {scope === 'picks' ? t('ui.review.scope.picks', { count: review.picks }) : t('ui.review.scope.event')}
            </label>
          ))}
        </div>
      )}
      {counts && (
        <p className="review-counts" aria-live="polite" data-testid="review-counts">
          <strong>{counts.open > 0 ? t('ui.review.left', { ...counts }) : t('ui.review.done')}</strong> ·{' '}
          {t(review.scope === 'picks' ? 'ui.review.counts.picks' : 'ui.review.counts', { ...counts })}
          {session.pending > 0 && <span className="muted"> · {t('ui.review.saving')}</span>}
        </p>
      )}
      <div className="review-layout">
        <aside className="review-side">
          <div className="review-namer">
            <Field label="ui.review.name">
              <input
                ref={input}
                type="search"
                role="combobox"
                aria-expanded={results.length > 0}
                aria-controls={`${ids}-results`}
                aria-activedescendant={results[active] ? `${ids}-p${results[active].personId}` : undefined}
                autoComplete="off"
                value={text}
                placeholder={t('ui.review.name.placeholder')}
                onChange={(changeEvent) => {
                  setText(changeEvent.target.value);
                  setActive(0);
                }}
                onKeyDown={onKeyDown}
              />
            </Field>
            {offer && (
              <p className="review-offer" data-testid="burst-offer">
                {t('ui.review.offer', { name: offer.person.name })}
                <br />
                <span className="muted">{t('ui.review.offer.why')}</span>
              </p>
            )}
            <ul
              id={`${ids}-results`}
              role="listbox"
              aria-label={t('ui.review.results')}
              className="search-results"
              data-query={text}
            >
              {results.map((person, index) => (
                <li
                  key={person.personId}
                  id={`${ids}-p${person.personId}`}
                  role="option"
                  aria-selected={index === active}
                  data-person={person.personId}
                  className={index === active ? 'active' : undefined}
                  onMouseDown={(mouseEvent) => {
                    mouseEvent.preventDefault();
                    session.act({ kind: 'person', personId: person.personId }, toRef(person));
                    done();
                  }}
                >
                  {person.name}{' '}
                  <span className="muted">{[person.className, person.externalKey].filter(Boolean).join(' · ')}</span>
                </li>
              ))}
            </ul>
            {text.trim() && results.length === 0 && <p className="muted">{t('ui.review.nobody')}</p>}
            <div className="actions">
              <button
                type="button"
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => session.act({ kind: 'notAPerson' })}
              >
                {t('ui.review.action.notAPerson')}
              </button>
              <button
                type="button"
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => session.act({ kind: 'guest' })}
              >
                {t('ui.review.action.guest')}
              </button>
              <button
                type="button"
                disabled={!session.canUndo}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => session.undo()}
              >
                {t('ui.review.action.undo')}
              </button>
            </div>
            <p className="muted review-keys">{t('ui.review.keys')}</p>
          </div>
          {roster.people && (
            <RosterPanel people={roster.people} onChange={(classes) => void roster.setRoster(classes)} />
          )}
        </aside>
        <div className="review-main">
          {!review ? (
            !session.error && <Busy label="common.loading" />
          ) : session.groups.length === 0 ||
            // Nothing to name — unless a clip is still to be searched for faces (it says so, and stays hidden).
            (session.faces.length === 0 &&
              !session.groups.some((group) => group.kind === 'clip' && !group.clip.scanned)) ? (
            <p className="empty">{t('ui.review.empty')}</p>
          ) : (
            <ol className="review-photos">
              {session.groups.map((group) =>
                group.kind === 'photo' ? (
                  <PhotoGroup
                    key={group.key}
                    photo={group.photo}
                    mediaBase={mediaBase}
                    focus={focusAmong(
                      session.focus,
                      regionKey,
                      group.photo.items.map((item) => item.regionId),
                    )}
                    onFocus={focusFace}
                  />
                ) : (
                  <ClipGroup
                    key={group.key}
                    clip={group.clip}
                    mediaBase={mediaBase}
                    frames={frames}
                    focus={focusAmong(
                      session.focus,
                      trackKey,
                      group.clip.tracks.map((track) => track.trackId),
                    )}
                    onFocus={focusTrack}
                    onSplit={splitTrack}
                  />
                ),
              )}
            </ol>
          )}
        </div>
      </div>
    </section>
  );
}
