// The communications officer's library: add an event folder, the events with their counts per status for the
// chosen channel and date (photos, and clips apart), and an event's photos and clips (EventView).
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { SerializedError } from '../../../../shared/errors';
import type { LibraryEvent } from '../../../../shared/library';
import { call, errorOf } from '../../api';
import { DoneMessage } from '../../components/DoneMessage';
import { ErrorAlert } from '../../components/ErrorAlert';
import { noPath, PathField, pathHandle, spent, type PathValue } from '../../components/PathField';
import { TargetPicker, type PublishTarget } from '../../components/TargetPicker';
import { useAction } from '../../components/useAction';
import { useChannels } from '../../components/useChannels';
import { useI18n } from '../../i18n';
import { countByStatus, STATUS_ORDER, type CountsPerStatus } from './decisions';
import { EventView } from './EventView';
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

/**
 * The events, then their counts per status for the channel and date one event at a time, each on screen as soon as
 * it is known. Only the counts cross IPC (main works them out off its main thread); the grid asks for its pages
 * itself. `generation` loads everything again.
 */
function useLibraryEvents(target: PublishTarget, generation: number) {
  const [events, setEvents] = useState<readonly LibraryEvent[] | null>(null);
  const [counts, setCounts] = useState<ReadonlyMap<number, CountsPerStatus>>(new Map());
  const [clipCounts, setClipCounts] = useState<ReadonlyMap<number, CountsPerStatus>>(new Map());
  const [error, setError] = useState<SerializedError | null>(null);
  useEffect(() => {
    let live = true;
    call('listEvents', {}).then(
      async (list) => {
        if (!live) return;
        setEvents(list);
        const next = new Map<number, CountsPerStatus>();
        const nextClips = new Map<number, CountsPerStatus>();
        for (const event of list) {
          try {
            if (event.photos > 0) next.set(event.id, await call('countDecisions', { ...target, eventId: event.id }));
            if (event.clips > 0)
              nextClips.set(event.id, countByStatus(await call('decideClips', { ...target, eventId: event.id })));
          } catch (caught) {
            if (live) setError(errorOf(caught));
          }
          if (!live) return;
          setCounts(new Map(next));
          setClipCounts(new Map(nextClips));
        }
      },
      (caught: unknown) => live && setError(errorOf(caught)),
    );
    return () => {
      live = false;
    };
  }, [target, generation]);
  return { events, counts, clipCounts, error };
}

export function LibraryPage({
  target,
  onTarget,
  onPublish,
}: {
  target: PublishTarget;
  onTarget: (next: PublishTarget) => void;
  onPublish: (selection: { eventId: number; photoHashes: readonly string[] | null; picks?: boolean }) => void;
}) {
  const { t } = useI18n();
  const [eventId, setEventId] = useState<number | null>(null);
  const reindex = useAction();
  const [generation, setGeneration] = useState(0);
  const refresh = useCallback(() => setGeneration((g) => g + 1), []);
  useJobsFinished(refresh);
  const { events, counts, clipCounts, error } = useLibraryEvents(target, generation);

  const event = events?.find((candidate) => candidate.id === eventId) ?? null;

  return (
    <section className="page library">
      <h1>{t('library.title')}</h1>
      <TargetPicker target={target} onChange={onTarget} />
      <ErrorAlert error={reindex.error ?? error} />
      {event ? (
        <EventView
          event={event}
          target={target}
          counts={counts.get(event.id) ?? null}
          generation={generation}
          onBack={() => setEventId(null)}
          onChanged={refresh}
          onPublish={(photoHashes, picks) => onPublish({ eventId: event.id, photoHashes, picks: picks ?? false })}
        />
      ) : (
        <>
          <AddFolder />
          <div className="section-head">
            <h2>{t('ui.library.events')}</h2>
            {events && events.length > 0 && (
              <button type="button" onClick={() => void reindex.run(() => call('reindexLibrary', {}))}>
                {t('ui.library.reindex')}
              </button>
            )}
          </div>
          {events === null ? (
            <p>{t('common.loading')}</p>
          ) : events.length === 0 ? (
            <p className="empty">{t('ui.library.empty')}</p>
          ) : (
            <EventList events={events} counts={counts} clipCounts={clipCounts} target={target} onOpen={setEventId} />
          )}
        </>
      )}
    </section>
  );
}

function AddFolder() {
  const { t } = useI18n();
  const [folder, setFolder] = useState<PathValue>(noPath);
  const adding = useAction();
  async function submit(event?: FormEvent) {
    event?.preventDefault();
    if (!folder.text.trim()) return;
    const added = await adding.run(
      async () => {
        const handle = await pathHandle('eventFolder', folder);
        setFolder(spent(folder));
        return call('addLibraryFolder', { folder: handle });
      },
      { done: t('ui.library.add.started') },
    );
    if (added) setFolder(noPath);
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
          <button type="submit" className="primary" disabled={adding.busy || !folder.text.trim()}>
            {t('ui.library.add.submit')}
          </button>
        </div>
      </div>
      <ErrorAlert error={adding.error} />
      <DoneMessage message={adding.done} />
    </form>
  );
}

function EventList({
  events,
  counts,
  clipCounts,
  target,
  onOpen,
}: {
  events: readonly LibraryEvent[];
  counts: ReadonlyMap<number, CountsPerStatus>;
  /** The clips' decisions, counted apart from the photos'. */
  clipCounts: ReadonlyMap<number, CountsPerStatus>;
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
          const eventCounts = counts.get(event.id) ?? null;
          return (
            <li key={event.id} className="event-row">
              <button type="button" className="link event-name" onClick={() => onOpen(event.id)}>
                {event.name}
              </button>
              <span className="muted">
                {t('ui.library.event.facts', {
                  photos: event.photos,
                  clips: event.clips,
                  names: event.names,
                  errors: event.errors,
                })}
                {event.picks > 0 && ` · ${t('ui.picks.event', { count: event.picks })}`}
              </span>
              {event.photos > 0 &&
                (eventCounts ? (
                  <StatusCounts counts={eventCounts} />
                ) : (
                  <span className="muted">{t('ui.library.counting')}</span>
                ))}
              {event.clips > 0 && <ClipCounts counts={clipCounts.get(event.id) ?? null} />}
              <span className="muted event-folder">{event.folderPath}</span>
            </li>
          );
        })}
      </ul>
    </>
  );
}

/** The clips' statuses of an event in one line ("Video's: 1 klaar · 1 geblokkeerd"), only the statuses they have. */
function ClipCounts({ counts }: { counts: CountsPerStatus | null }) {
  const { t } = useI18n();
  return (
    <span className="muted clip-counts" data-testid="clip-counts">
      {t('ui.video.counts')}{' '}
      {counts
        ? STATUS_ORDER.filter((status) => counts[status] > 0)
            .map((status) => `${counts[status]} ${t(`ui.status.${status}`)}`)
            .join(' · ')
        : t('ui.library.counting')}
    </span>
  );
}
