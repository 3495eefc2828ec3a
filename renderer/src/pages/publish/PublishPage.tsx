// Publishing: choose channel, date and an event (or the photos chosen in the library); a summary before export
// with the reasons per blocked photo and overrides with a reason; the output folder; progress with cancel; the
// result with the leak check per file, the manifest hash and "open folder".
import { useEffect, useId, useState, type FormEvent } from 'react';
import type { SerializedError } from '../../../../shared/errors';
import { isMessageKey } from '../../../../shared/i18n';
import type { ExportListItem } from '../../../../shared/ipc/publish';
import type { LibraryEvent } from '../../../../shared/library';
import type { ExportSummary } from '../../../../shared/publish';
import type { JobProgress } from '../../../../shared/types';
import { call, errorOf } from '../../api';
import { Busy } from '../../components/Busy';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PathField } from '../../components/PathField';
import { TargetPicker, type PublishTarget } from '../../components/TargetPicker';
import { useChannels } from '../../components/useChannels';
import { useMediaBase } from '../../components/useMediaBase';
import { useI18n } from '../../i18n';
import { countByStatus, STATUS_ORDER, statusTone, type PhotoDecisions } from '../library/decisions';

export interface PublishSelection {
  readonly eventId: number;
  /** Chosen photos of that event; null for the whole event. */
  readonly photoHashes: readonly string[] | null;
}

type Run =
  | { readonly state: 'idle' }
  | { readonly state: 'running'; readonly jobId: string; readonly progress: JobProgress | null }
  | { readonly state: 'done'; readonly result: ExportSummary }
  | { readonly state: 'cancelled' }
  | { readonly state: 'failed'; readonly error: SerializedError | null };

export function PublishPage({
  target,
  onTarget,
  selection,
  onSelection,
}: {
  target: PublishTarget;
  onTarget: (next: PublishTarget) => void;
  selection: PublishSelection | null;
  onSelection: (next: PublishSelection | null) => void;
}) {
  const { t } = useI18n();
  const ids = useId();
  const [events, setEvents] = useState<readonly LibraryEvent[] | null>(null);
  const [decided, setDecisions] = useState<{ key: string; list: PhotoDecisions } | null>(null);
  const [overrides, setOverrides] = useState<Readonly<Record<string, string>>>({});
  const [outDir, setOutDir] = useState('');
  const [run, setRun] = useState<Run>({ state: 'idle' });
  const [error, setError] = useState<SerializedError | null>(null);
  const [history, setHistory] = useState<readonly ExportListItem[]>([]);

  useEffect(() => {
    call('listEvents', {}).then(setEvents, (caught: unknown) => setError(errorOf(caught)));
    call('listExports', { limit: 10 }).then(setHistory, () => undefined);
  }, [run.state]);

  // Without a choice yet, the only event is the obvious one.
  useEffect(() => {
    if (!selection && events?.length === 1 && events[0]!.photos > 0)
      onSelection({ eventId: events[0]!.id, photoHashes: null });
  }, [events, selection, onSelection]);

  const request = selection
    ? selection.photoHashes
      ? { photoHashes: [...selection.photoHashes] }
      : { eventId: selection.eventId }
    : null;
  const requestKey = JSON.stringify({ request, target });
  const decisions = decided?.key === requestKey ? decided.list : null;

  useEffect(() => {
    let live = true;
    if (!request) return;
    call('decidePhotos', { ...target, ...request }).then(
      (list) => {
        if (!live) return;
        setDecisions({ key: requestKey, list });
        setError(null);
      },
      (caught: unknown) => live && setError(errorOf(caught)),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- requestKey stands for request and target
  }, [requestKey]);

  // Progress of the running export; its result when it ends.
  useEffect(() => {
    if (run.state !== 'running') return;
    const { jobId } = run;
    return window.api.onJobProgress((progress) => {
      if (progress.jobId !== jobId) return;
      if (progress.state === 'done') {
        call('getExportResult', { jobId }).then(
          (result) => setRun(result ? { state: 'done', result } : { state: 'failed', error: null }),
          (caught: unknown) => setRun({ state: 'failed', error: errorOf(caught) }),
        );
      } else if (progress.state === 'cancelled') {
        setRun({ state: 'cancelled' });
      } else if (progress.state === 'failed') {
        setRun({ state: 'failed', error: progress.error });
      } else {
        setRun({ state: 'running', jobId, progress });
      }
    });
  }, [run]);

  const withOverrides = (decisions ?? []).map((item) =>
    item.decision.status === 'blocked' && item.decision.overridable && overrides[item.photoHash]?.trim()
      ? { ...item, decision: { ...item.decision, status: 'hide' as const } }
      : item,
  );
  const counts = countByStatus(withOverrides);
  const exportable = counts.publish + counts.hide;
  const problems = (decisions ?? []).filter(
    (item) => item.decision.status === 'blocked' || item.decision.status === 'needs_review',
  );

  async function start(event: FormEvent) {
    event.preventDefault();
    if (!request) return;
    setError(null);
    const chosen = Object.fromEntries(Object.entries(overrides).filter(([, reason]) => reason.trim()));
    try {
      const { jobId } = await call('startExport', {
        ...target,
        ...request,
        outDir: outDir.trim(),
        ...(Object.keys(chosen).length > 0 ? { overrides: chosen } : {}),
      });
      setRun({ state: 'running', jobId, progress: null });
    } catch (caught) {
      setError(errorOf(caught));
    }
  }

  if (events !== null && events.every((event) => event.photos === 0)) {
    return (
      <section className="page">
        <h1>{t('publish.title')}</h1>
        <p className="empty">{t('ui.publish.empty')}</p>
      </section>
    );
  }

  if (run.state === 'done') {
    return (
      <section className="page">
        <h1>{t('publish.title')}</h1>
        <ExportResult result={run.result} onAnother={() => setRun({ state: 'idle' })} />
      </section>
    );
  }

  const selectedEvent = events?.find((candidate) => candidate.id === selection?.eventId);
  return (
    <section className="page publish">
      <h1>{t('publish.title')}</h1>
      <TargetPicker target={target} onChange={onTarget} />
      <div className="filters" role="group" aria-label={t('ui.publish.what')}>
        <label className="field">
          <span>{t('ui.publish.event')}</span>
          <select
            name="event"
            value={selection?.eventId ?? ''}
            onChange={(e) =>
              onSelection(e.target.value ? { eventId: Number(e.target.value), photoHashes: null } : null)
            }
          >
            <option value="">{t('ui.publish.chooseEvent')}</option>
            {events
              ?.filter((event) => event.photos > 0)
              .map((event) => (
                <option key={event.id} value={event.id}>
                  {event.name}
                </option>
              ))}
          </select>
        </label>
        {selection?.photoHashes && selectedEvent && (
          <p className="align-end">
            {t('ui.publish.selection', { count: selection.photoHashes.length })}{' '}
            <button
              type="button"
              className="link"
              onClick={() => onSelection({ eventId: selectedEvent.id, photoHashes: null })}
            >
              {t('ui.publish.clearSelection')}
            </button>
          </p>
        )}
      </div>
      <ErrorAlert error={error} />
      {request && decisions === null && !error && <Busy label="ui.publish.deciding" />}
      {decisions && (
        <form onSubmit={(e) => void start(e)} aria-labelledby={`${ids}-summary`}>
          <h2 id={`${ids}-summary`}>{t('ui.publish.summary')}</h2>
          <dl className="counts">
            {STATUS_ORDER.map((status) => (
              <div key={status} className={`count ${statusTone(status)}`}>
                <dt>{t(`ui.publish.count.${status}`)}</dt>
                <dd>{counts[status]}</dd>
              </div>
            ))}
          </dl>
          {problems.length > 0 && (
            <section className="issues bad">
              <h3>{t('ui.publish.problems', { count: problems.length })}</h3>
              <table className="table compact">
                <thead>
                  <tr>
                    <th scope="col">{t('ui.publish.col.source')}</th>
                    <th scope="col">{t('ui.col.status')}</th>
                    <th scope="col">{t('ui.photo.blockers')}</th>
                    <th scope="col">{t('ui.publish.override')}</th>
                  </tr>
                </thead>
                <tbody>
                  {problems.map((item, index) => (
                    <tr key={item.photoHash} data-hash={item.photoHash}>
                      <td>
                        <ProblemPhoto hash={item.photoHash} />
                      </td>
                      <td>
                        <span className={`badge ${statusTone(item.decision.status)}`}>
                          {t(`ui.status.${item.decision.status}`)}
                        </span>
                      </td>
                      <td>
                        <ul className="plain">
                          {item.decision.blockers.map((blocker, i) => (
                            <li key={i}>
                              <ProblemText code={blocker.code} params={blocker.params} />
                            </li>
                          ))}
                        </ul>
                      </td>
                      <td>
                        {item.decision.overridable && (
                          <label className="field">
                            <span className="visually-hidden">
                              {t('ui.publish.overrideOf', { file: `${index + 1}` })}
                            </span>
                            <input
                              type="text"
                              name={`override-${item.photoHash}`}
                              value={overrides[item.photoHash] ?? ''}
                              maxLength={500}
                              placeholder={t('ui.publish.override.help')}
                              onChange={(e) => setOverrides({ ...overrides, [item.photoHash]: e.target.value })}
                            />
                            {overrides[item.photoHash]?.trim() && (
                              <small className="ok">{t('ui.publish.overridden')}</small>
                            )}
                          </label>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          )}
          <div className="form-row">
            <PathField
              label="ui.publish.out"
              name="outDir"
              value={outDir}
              onChange={setOutDir}
              purpose="exportFolder"
              placeholder="ui.publish.out.placeholder"
            />
          </div>
          {exportable === 0 && <p className="empty">{t('ui.publish.nothing')}</p>}
          {run.state === 'cancelled' && <p role="status">{t('ui.publish.cancelled')}</p>}
          {run.state === 'failed' &&
            (run.error ? <ErrorAlert error={run.error} /> : <p role="alert">{t('ui.publish.failed')}</p>)}
          {run.state === 'running' ? (
            <div role="status" className="busy export-progress">
              <progress
                aria-label={t('ui.publish.running', { done: 0, total: exportable })}
                max={run.progress?.total ?? undefined}
                value={run.progress ? run.progress.done + run.progress.failed + run.progress.skipped : undefined}
              />
              <span>
                {t('ui.publish.running', {
                  done: run.progress ? run.progress.done + run.progress.failed + run.progress.skipped : 0,
                  total: run.progress?.total ?? decisions.length,
                })}
              </span>
              <button type="button" onClick={() => void call('cancelJob', { jobId: run.jobId })}>
                {t('ui.publish.cancel')}
              </button>
            </div>
          ) : (
            <div className="actions">
              <button type="submit" className="primary" disabled={exportable === 0 || !outDir.trim()}>
                {t('ui.publish.start', { count: exportable })}
              </button>
            </div>
          )}
        </form>
      )}
      {history.length > 0 && <ExportHistory items={history} />}
    </section>
  );
}

/** A blocked photo's thumbnail and file name (the decision list carries hashes only). */
function ProblemPhoto({ hash }: { hash: string }) {
  const mediaBase = useMediaBase();
  const [name, setName] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    call('getPhoto', { hash }).then(
      (photo) => live && setName(photo.paths[0]?.split(/[\\/]/).pop() ?? null),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [hash]);
  return (
    <span className="problem-photo">
      {mediaBase && <img src={`${mediaBase}thumbs/${hash}.webp`} alt="" />}
      <span>{name ?? hash.slice(0, 12)}</span>
    </span>
  );
}

function ProblemText({ code, params }: { code: string; params: Readonly<Record<string, string | number>> }) {
  const { t, tError } = useI18n();
  return <>{isMessageKey(code) ? t(code, params) : tError({ code, params })}</>;
}

function ExportResult({ result, onAnother }: { result: ExportSummary; onAnother: () => void }) {
  const { t, formatMoment } = useI18n();
  const { label } = useChannels();
  const [error, setError] = useState<SerializedError | null>(null);
  return (
    <section aria-label={t('ui.publish.result')} className="export-result">
      <h2>{t('ui.publish.result')}</h2>
      <p role="status" className="ok">
        {label(result.channelId)} · {formatMoment(result.date)} ·{' '}
        {t('ui.publish.result.counts', {
          exported: result.exported,
          hidden: result.hiddenRegions,
          blocked: result.blocked,
          review: result.needsReview,
          failed: result.failed,
        })}
      </p>
      <p>{t('ui.publish.result.dir', { dir: result.outDir })}</p>
      <p>
        {t('ui.publish.result.manifest', { hash: '' })}
        <code className="hash">{result.manifestSha256}</code>
      </p>
      <div className="actions">
        <button
          type="button"
          className="primary"
          onClick={() => {
            setError(null);
            call('openExportFolder', { exportId: result.exportId }).catch((caught: unknown) =>
              setError(errorOf(caught)),
            );
          }}
        >
          {t('ui.publish.openFolder')}
        </button>
        <button type="button" onClick={onAnother}>
          {t('ui.publish.another')}
        </button>
      </div>
      <ErrorAlert error={error} />
      <table className="table compact">
        <thead>
          <tr>
            <th scope="col">{t('ui.publish.col.source')}</th>
            <th scope="col">{t('ui.publish.col.output')}</th>
            <th scope="col">{t('ui.col.status')}</th>
            <th scope="col">{t('ui.publish.col.hidden')}</th>
            <th scope="col">{t('ui.publish.col.check')}</th>
          </tr>
        </thead>
        <tbody>
          {result.items.map((item) => (
            <tr key={item.photoHash}>
              <td>{item.sourceName}</td>
              <td>{item.outputName ?? '–'}</td>
              <td>
                <span className={`badge ${statusTone(item.decision)}`}>{t(`ui.status.${item.decision}`)}</span>
              </td>
              <td>{item.state === 'done' ? item.hiddenCount : '–'}</td>
              <td>
                {item.state === 'done' ? (
                  <span className="ok">{t('ui.publish.check.ok')}</span>
                ) : item.problems.length === 0 ? (
                  t('ui.publish.check.none')
                ) : (
                  <ul className="plain">
                    {item.problems.map((problem, i) => (
                      <li key={i} className={item.state === 'failed' ? 'error' : undefined}>
                        <ProblemText code={problem.code} params={problem.params} />
                      </li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function ExportHistory({ items }: { items: readonly ExportListItem[] }) {
  const { t, formatDateTime } = useI18n();
  const { label } = useChannels();
  return (
    <section>
      <h2>{t('ui.publish.history')}</h2>
      <table className="table compact">
        <thead>
          <tr>
            <th scope="col">{t('ui.takedown.col.date')}</th>
            <th scope="col">{t('ui.col.channel')}</th>
            <th scope="col">{t('ui.col.status')}</th>
            <th scope="col">{t('ui.takedown.col.folder')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.exportId}>
              <td className="nowrap">{formatDateTime(item.startedAt)}</td>
              <td>{label(item.channelId)}</td>
              <td>
                {t(`jobs.state.${item.state === 'running' ? 'running' : item.state}`)} · {item.exported}
              </td>
              <td>{item.outDir}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
