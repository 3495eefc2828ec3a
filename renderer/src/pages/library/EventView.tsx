// One event of the library: its counts per status, filters (status, person, untagged faces), the photos in a
// virtualised grid, unreadable files, and one photo opened from the grid.
import { useId, useState } from 'react';
import type { IndexError, LibraryEvent } from '../../../../shared/library';
import type { DecisionStatus } from '../../../../shared/policy';
import { call } from '../../api';
import { Busy } from '../../components/Busy';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Field } from '../../components/Field';
import type { PublishTarget } from '../../components/TargetPicker';
import { useQuery } from '../../components/useQuery';
import { useI18n } from '../../i18n';
import { STATUS_ORDER, type CountsPerStatus } from './decisions';
import { PhotoGrid } from './PhotoGrid';
import { usePhotoPages } from './usePhotoPages';
import { usePicks } from './usePicks';
import { SidecarPanel } from './SidecarPanel';
import { PhotoPage } from './photo/PhotoPage';
import { ReviewPage } from '../review/ReviewPage';
import { StatusCounts } from './StatusCounts';
import { VideoStrip } from './VideoStrip';

interface GridFilter {
  readonly status: DecisionStatus | '';
  readonly person: string;
  readonly untagged: boolean;
  readonly picked: boolean;
}

const NO_ERRORS: readonly IndexError[] = [];

export function EventView({
  event,
  target,
  counts,
  generation,
  onBack,
  onChanged,
  onPublish,
}: {
  event: LibraryEvent;
  target: PublishTarget;
  /** The event's counts per status; null while they are being worked out. */
  counts: CountsPerStatus | null;
  generation: number;
  onBack: () => void;
  onChanged: () => void;
  /** Chosen photos (null: the whole event); `picks` when the picks of the event are meant. */
  onPublish: (photoHashes: readonly string[] | null, picks?: boolean) => void;
}) {
  const { t } = useI18n();
  const ids = useId();
  const [filter, setFilter] = useState<GridFilter>({ status: '', person: '', untagged: false, picked: false });
  const [active, setActive] = useState(0);
  const [open, setOpen] = useState<{ readonly hash: string; readonly index: number } | null>(null);
  const [reviewing, setReviewing] = useState(false);

  // Unreadable files change when the folder is indexed again (a new generation).
  const indexErrors =
    useQuery(JSON.stringify([event.id, generation]), () => call('listIndexErrors', { eventId: event.id })).data ??
    NO_ERRORS;

  const picks = usePicks(event.id, generation);
  const person = filter.person.trim();
  const gridFilter = {
    status: filter.status || undefined,
    person: person || undefined,
    untagged: filter.untagged || undefined,
    picked: filter.picked || undefined,
  };
  // A grid of the picks alone asks again after each pick; otherwise a pick changes no page.
  const pages = usePhotoPages(
    target,
    event.id,
    gridFilter,
    filter.picked ? `${generation}:${picks.version}` : generation,
  );
  const filtered = filter.status !== '' || person !== '' || filter.untagged || filter.picked;

  const togglePick = (index: number) => {
    const item = pages.itemAt(index);
    if (item) picks.toggle(item.photoHash);
  };
  const shownCount = pages.matching ?? 0;

  const openAt = async (index: number) => {
    const hash = await pages.hashAt(index);
    if (hash) {
      setOpen({ hash, index });
      setActive(index);
    }
  };

  const publishShown = async () => {
    if (!filtered) return onPublish(null);
    const hashes = await call('filteredPhotoHashes', { ...target, eventId: event.id, filter: gridFilter });
    onPublish(hashes);
  };

  if (reviewing) {
    return (
      <ReviewPage
        event={event}
        target={target}
        onBack={() => {
          setReviewing(false);
          // Names given in the review change decisions: the grid and counts load again.
          onChanged();
        }}
      />
    );
  }

  if (open) {
    return (
      <PhotoPage
        key={open.hash}
        photoHash={open.hash}
        eventName={event.name}
        target={target}
        position={{ index: open.index, total: shownCount }}
        onNavigate={(step) => void openAt(open.index + step)}
        onBack={() => {
          setOpen(null);
          onChanged();
        }}
      />
    );
  }

  return (
    <section aria-labelledby={`${ids}-title`}>
      <button
        type="button"
        className="back"
        onClick={() => {
          // The event list shows each event's picks: ask again when they changed here.
          if (picks.changed) onChanged();
          onBack();
        }}
      >
        {t('ui.library.back')}
      </button>
      <h2 id={`${ids}-title`}>{event.name}</h2>
      <p className="muted" aria-live="polite" data-testid="pick-count">
        {t('ui.picks.count', { count: picks.picked.size })}
      </p>
      {counts && event.photos > 0 && <StatusCounts counts={counts} />}
      {event.photos + event.clips > 0 && (
        <div className="actions">
          <button type="button" className="primary" onClick={() => setReviewing(true)}>
            {t('ui.review.open')}
          </button>
          {event.photos === 0 && (
            <button type="button" onClick={() => onPublish(null)}>
              {t('ui.video.publishEvent', { count: event.clips })}
            </button>
          )}
        </div>
      )}
      <div className="filters" role="search">
        <Field label="ui.library.filter.status">
          <select
            name="status"
            value={filter.status}
            onChange={(e) => {
              setFilter({ ...filter, status: e.target.value as DecisionStatus | '' });
              setActive(0);
            }}
          >
            <option value="">{t('ui.library.filter.allStatuses')}</option>
            {STATUS_ORDER.map((status) => (
              <option key={status} value={status}>
                {t(`ui.status.${status}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label="ui.library.filter.person" grow>
          <input
            type="search"
            name="person"
            value={filter.person}
            placeholder={t('ui.library.filter.person.placeholder')}
            onChange={(e) => {
              setFilter({ ...filter, person: e.target.value });
              setActive(0);
            }}
          />
        </Field>
        <label className="check align-end">
          <input
            type="checkbox"
            name="untagged"
            checked={filter.untagged}
            onChange={(e) => {
              setFilter({ ...filter, untagged: e.target.checked });
              setActive(0);
            }}
          />
          {t('ui.library.filter.untagged')}
        </label>
        <label className="check align-end">
          <input
            type="checkbox"
            name="picked"
            checked={filter.picked}
            onChange={(e) => {
              setFilter({ ...filter, picked: e.target.checked });
              setActive(0);
            }}
          />
          {t('ui.picks.filter')}
        </label>
      </div>
      <ErrorAlert error={pages.error ?? picks.error} />
      {event.photos === 0 && event.clips > 0 ? (
        <p className="muted">{t('ui.video.onlyClips')}</p>
      ) : event.photos === 0 || pages.total === 0 ? (
        <p className="empty">{t('ui.library.noPhotos')}</p>
      ) : pages.total === null ? (
        !pages.error && <Busy label="ui.library.loadingDecisions" />
      ) : shownCount === 0 ? (
        <p className="empty">{t(filter.picked && picks.picked.size === 0 ? 'ui.picks.none' : 'ui.library.noMatch')}</p>
      ) : (
        <>
          <div className="grid-bar">
            <span className="muted" aria-live="polite">
              {t('ui.library.shown', { count: shownCount, total: pages.total })}
            </span>
            <span className="muted">
              {t('ui.library.grid.help')} {t('ui.picks.help')}
            </span>
            {picks.picked.size > 0 && (
              <button type="button" className="primary" onClick={() => onPublish(null, true)}>
                {t('ui.picks.publish', { count: picks.picked.size })}
              </button>
            )}
            <button
              type="button"
              className={picks.picked.size > 0 ? undefined : 'primary'}
              onClick={() => void publishShown()}
            >
              {t('ui.library.publishShown', { count: shownCount })}
            </button>
          </div>
          <PhotoGrid
            label={t('ui.library.grid', { event: event.name })}
            count={shownCount}
            itemAt={pages.itemAt}
            onRange={pages.want}
            active={Math.min(active, shownCount - 1)}
            onActive={setActive}
            onOpen={(index) => void openAt(index)}
            isPicked={(hash) => picks.picked.has(hash)}
            onTogglePick={togglePick}
          />
        </>
      )}
      <VideoStrip event={event} generation={generation} target={target} />
      <SidecarPanel event={event} />
      {indexErrors.length > 0 && (
        <details className="index-errors">
          <summary>{t('ui.library.errors', { count: indexErrors.length })}</summary>
          <ul>
            {indexErrors.map((indexError) => (
              <IndexErrorLine key={indexError.path} indexError={indexError} />
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

function IndexErrorLine({ indexError }: { indexError: IndexError }) {
  const { tError } = useI18n();
  return <li>{tError({ code: indexError.code, params: { file: indexError.path, ...indexError.params } })}</li>;
}
