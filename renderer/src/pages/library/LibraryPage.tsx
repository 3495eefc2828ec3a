// The communications officer's library: add an event folder, the events with their counts per status for the
// chosen channel and date, an event's photos in a virtualised grid with filters, and one photo.
import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import type { SerializedError } from '../../../../shared/errors';
import type { IndexError, LibraryEvent } from '../../../../shared/library';
import type { DecisionStatus } from '../../../../shared/policy';
import { call, errorOf } from '../../api';
import { Busy } from '../../components/Busy';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PathField } from '../../components/PathField';
import { TargetPicker, type PublishTarget } from '../../components/TargetPicker';
import { useChannels } from '../../components/useChannels';
import { useI18n } from '../../i18n';
import { countByStatus, hasUntaggedFace, namesIn, type PhotoDecisions } from './decisions';
import { PhotoGrid } from './PhotoGrid';
import { PhotoPage } from './photo/PhotoPage';
import { StatusCounts } from './StatusCounts';

/** Reloads when a job (indexing, face detection, export) finishes: counts and statuses change then. */
export function useJobsFinished(onFinished: () => void): void {
  useEffect(
    () =>
      window.api.onJobProgress((progress) => {
        if (progress.state === 'done' || progress.state === 'cancelled' || progress.state === 'failed') onFinished();
      }),
    [onFinished],
  );
}

interface GridFilter {
  readonly status: DecisionStatus | '';
  readonly person: string;
  readonly untagged: boolean;
}

export function LibraryPage({
  target,
  onTarget,
  onPublish,
}: {
  target: PublishTarget;
  onTarget: (next: PublishTarget) => void;
  onPublish: (selection: { eventId: number; photoHashes: readonly string[] | null }) => void;
}) {
  const { t } = useI18n();
  const [events, setEvents] = useState<readonly LibraryEvent[] | null>(null);
  // Every event's decisions for the chosen channel and date: the counts of the list, and the grid of an event
  // (one decidePhotos call per event serves both).
  const [decided, setDecided] = useState<ReadonlyMap<number, PhotoDecisions>>(new Map());
  const [eventId, setEventId] = useState<number | null>(null);
  const [error, setError] = useState<SerializedError | null>(null);
  const [generation, setGeneration] = useState(0);
  const refresh = useCallback(() => setGeneration((g) => g + 1), []);
  useJobsFinished(refresh);

  useEffect(() => {
    let live = true;
    call('listEvents', {}).then(
      async (list) => {
        if (!live) return;
        setEvents(list);
        const next = new Map<number, PhotoDecisions>();
        for (const event of list) {
          if (event.photos === 0) continue;
          try {
            next.set(event.id, await call('decidePhotos', { ...target, eventId: event.id }));
          } catch (caught) {
            if (live) setError(errorOf(caught));
          }
          if (!live) return;
          setDecided(new Map(next));
        }
      },
      (caught: unknown) => live && setError(errorOf(caught)),
    );
    return () => {
      live = false;
    };
  }, [target, generation]);

  const event = events?.find((candidate) => candidate.id === eventId) ?? null;

  return (
    <section className="page library">
      <h1>{t('library.title')}</h1>
      <TargetPicker target={target} onChange={onTarget} />
      <ErrorAlert error={error} />
      {event ? (
        <EventView
          event={event}
          target={target}
          decisions={event.photos === 0 ? [] : (decided.get(event.id) ?? null)}
          generation={generation}
          onBack={() => setEventId(null)}
          onChanged={refresh}
          onPublish={(photoHashes) => onPublish({ eventId: event.id, photoHashes })}
        />
      ) : (
        <>
          <AddFolder />
          <div className="section-head">
            <h2>{t('ui.library.events')}</h2>
            {events && events.length > 0 && (
              <button
                type="button"
                onClick={() => {
                  setError(null);
                  call('reindexLibrary', {}).catch((caught: unknown) => setError(errorOf(caught)));
                }}
              >
                {t('ui.library.reindex')}
              </button>
            )}
          </div>
          {events === null ? (
            <p>{t('common.loading')}</p>
          ) : events.length === 0 ? (
            <p className="empty">{t('ui.library.empty')}</p>
          ) : (
            <EventList events={events} decided={decided} target={target} onOpen={setEventId} />
          )}
        </>
      )}
    </section>
  );
}

function AddFolder() {
  const { t } = useI18n();
  const [folder, setFolder] = useState('');
  const [error, setError] = useState<SerializedError | null>(null);
  const [started, setStarted] = useState(false);
  const [busy, setBusy] = useState(false);
  async function submit(event?: FormEvent) {
    event?.preventDefault();
    if (!folder.trim()) return;
    setBusy(true);
    setError(null);
    setStarted(false);
    try {
      await call('addLibraryFolder', { folder: folder.trim() });
      setStarted(true);
      setFolder('');
    } catch (caught) {
      setError(errorOf(caught));
    } finally {
      setBusy(false);
    }
  }
  return (
    <form
      className="panel form add-folder"
      onSubmit={(event) => void submit(event)}
      aria-label={t('ui.library.add.title')}
    >
      <h2>{t('ui.library.add.title')}</h2>
      <div className="form-row">
        <PathField
          label="ui.library.add.path"
          name="folder"
          value={folder}
          onChange={setFolder}
          onEnter={() => void submit()}
          purpose="eventFolder"
          placeholder="ui.library.add.placeholder"
          help="ui.library.add.help"
        />
        <div className="actions">
          <button type="submit" className="primary" disabled={busy || !folder.trim()}>
            {t('ui.library.add.submit')}
          </button>
        </div>
      </div>
      <ErrorAlert error={error} />
      {started && (
        <p role="status" className="ok">
          {t('ui.library.add.started')}
        </p>
      )}
    </form>
  );
}

function EventList({
  events,
  decided,
  target,
  onOpen,
}: {
  events: readonly LibraryEvent[];
  decided: ReadonlyMap<number, PhotoDecisions>;
  target: PublishTarget;
  onOpen: (eventId: number) => void;
}) {
  const { t, formatMoment } = useI18n();
  const { label } = useChannels();
  return (
    <>
      <p className="muted">
        {t('ui.library.counts', { channel: label(target.channelId), date: formatMoment(target.date) })}
      </p>
      <ul className="event-list">
        {events.map((event) => {
          const eventDecisions = decided.get(event.id);
          const eventCounts = eventDecisions ? countByStatus(eventDecisions) : null;
          return (
            <li key={event.id} className="event-row">
              <button type="button" className="link event-name" onClick={() => onOpen(event.id)}>
                {event.name}
              </button>
              <span className="muted">
                {t('ui.library.event.facts', { photos: event.photos, names: event.names, errors: event.errors })}
              </span>
              {event.photos > 0 &&
                (eventCounts ? (
                  <StatusCounts counts={eventCounts} />
                ) : (
                  <span className="muted">{t('ui.library.counting')}</span>
                ))}
              <span className="muted event-folder">{event.folderPath}</span>
            </li>
          );
        })}
      </ul>
    </>
  );
}

function EventView({
  event,
  target,
  decisions,
  generation,
  onBack,
  onChanged,
  onPublish,
}: {
  event: LibraryEvent;
  target: PublishTarget;
  /** null while they are being worked out */
  decisions: PhotoDecisions | null;
  generation: number;
  onBack: () => void;
  onChanged: () => void;
  onPublish: (photoHashes: readonly string[] | null) => void;
}) {
  const { t } = useI18n();
  const ids = useId();
  const [indexErrors, setIndexErrors] = useState<readonly IndexError[]>([]);
  const [filter, setFilter] = useState<GridFilter>({ status: '', person: '', untagged: false });
  const [active, setActive] = useState(0);
  const [openHash, setOpenHash] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    call('listIndexErrors', { eventId: event.id }).then(
      (list) => live && setIndexErrors(list),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [event.id, generation]);

  const person = filter.person.trim().toLocaleLowerCase();
  const shown =
    decisions?.filter(
      ({ decision }) =>
        (!filter.status || decision.status === filter.status) &&
        (!person || namesIn(decision).includes(person)) &&
        (!filter.untagged || hasUntaggedFace(decision)),
    ) ?? [];
  const filtered = filter.status !== '' || person !== '' || filter.untagged;

  if (openHash) {
    const index = shown.findIndex((item) => item.photoHash === openHash);
    return (
      <PhotoPage
        key={openHash}
        photoHash={openHash}
        eventName={event.name}
        target={target}
        position={index >= 0 ? { index, total: shown.length } : null}
        onNavigate={(step) => {
          const next = shown[index + step];
          if (next) {
            setOpenHash(next.photoHash);
            setActive(index + step);
          }
        }}
        onBack={() => {
          setOpenHash(null);
          onChanged();
        }}
      />
    );
  }

  return (
    <section aria-labelledby={`${ids}-title`}>
      <button type="button" className="back" onClick={onBack}>
        {t('ui.library.back')}
      </button>
      <h2 id={`${ids}-title`}>{event.name}</h2>
      {decisions && decisions.length > 0 && <StatusCounts counts={countByStatus(decisions)} />}
      <div className="filters" role="search">
        <label className="field">
          <span>{t('ui.library.filter.status')}</span>
          <select
            name="status"
            value={filter.status}
            onChange={(e) => {
              setFilter({ ...filter, status: e.target.value as DecisionStatus | '' });
              setActive(0);
            }}
          >
            <option value="">{t('ui.library.filter.allStatuses')}</option>
            {(['publish', 'hide', 'blocked', 'needs_review'] as const).map((status) => (
              <option key={status} value={status}>
                {t(`ui.status.${status}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field grow">
          <span>{t('ui.library.filter.person')}</span>
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
        </label>
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
      </div>
      {decisions === null ? (
        <Busy label="ui.library.loadingDecisions" />
      ) : decisions.length === 0 ? (
        <p className="empty">{t('ui.library.noPhotos')}</p>
      ) : shown.length === 0 ? (
        <p className="empty">{t('ui.library.noMatch')}</p>
      ) : (
        <>
          <div className="grid-bar">
            <span className="muted" aria-live="polite">
              {t('ui.library.shown', { count: shown.length, total: decisions.length })}
            </span>
            <span className="muted">{t('ui.library.grid.help')}</span>
            <button
              type="button"
              className="primary"
              onClick={() => onPublish(filtered ? shown.map((item) => item.photoHash) : null)}
            >
              {t('ui.library.publishShown', { count: shown.length })}
            </button>
          </div>
          <PhotoGrid
            label={t('ui.library.grid', { event: event.name })}
            items={shown}
            active={Math.min(active, shown.length - 1)}
            onActive={setActive}
            onOpen={(index) => setOpenHash(shown[index]!.photoHash)}
          />
        </>
      )}
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
