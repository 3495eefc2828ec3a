// Publishing: choose channel, date and an event (or the photos chosen in the library); a summary before export
// with the reasons per blocked photo and overrides with a reason (ProblemTable), the event's clips with theirs and
// the choice to keep their sound (ClipTable); the output folder; progress with cancel (ExportRun); the result with
// the leak check per file, the manifest hash and "open folder" (ExportResults).
import { useEffect, useId, useState, type FormEvent } from 'react';
import { overrideReasonOf, statusWithOverride } from '../../../../shared/policy';
import { call } from '../../api';
import { Busy } from '../../components/Busy';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Field } from '../../components/Field';
import { noPath, PathField, pathHandle, spent, type PathValue } from '../../components/PathField';
import { TargetPicker, type PublishTarget } from '../../components/TargetPicker';
import { useAction } from '../../components/useAction';
import { useQuery } from '../../components/useQuery';
import { useI18n } from '../../i18n';
import { countByStatus, STATUS_ORDER, statusTone } from '../library/decisions';
import { CaptionField } from './CaptionField';
import { AudioChoice, ClipTable } from './ClipTable';
import { ExportHistory, ExportResult } from './ExportResults';
import { ExportProgress, useExportRun } from './ExportRun';
import { ProblemTable } from './ProblemTable';
import { PublishScope, usePicksOf } from './PublishScope';

export interface PublishSelection {
  readonly eventId: number;
  /** Chosen photos of that event (the library's filtered set); null for the whole event. */
  readonly photoHashes: readonly string[] | null;
  /** The event's picks instead (the default for an event with picks). */
  readonly picks?: boolean;
}

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
  const [overrides, setOverrides] = useState<Readonly<Record<string, string>>>({});
  const [outDir, setOutDir] = useState<PathValue>(noPath);
  const [caption, setCaption] = useState('');
  // The clips' sound: removed unless chosen here, for this export.
  const [keepAudio, setKeepAudio] = useState(false);
  // Board mode, server away: the user may allow this computer's snapshot (offered once an export was refused).
  const [allowSnapshot, setAllowSnapshot] = useState(false);
  const { run, setRun } = useExportRun();
  const starting = useAction();
  // Loaded again whenever an export starts or ends.
  const eventList = useQuery(run.state, () => call('listEvents', {}));
  const events = eventList.data;
  const history = useQuery(run.state, () => call('listExports', { limit: 10 })).data ?? [];
  // Only a privacy officer's reason lifts a protected pupil's block.
  const officer = useQuery('privacyOfficers', () => call('getPrivacyOfficers', {})).data?.youAre === true;

  // Without a choice yet, the only event is the obvious one.
  useEffect(() => {
    if (!selection && events?.length === 1 && events[0]!.photos + events[0]!.clips > 0)
      onSelection({ eventId: events[0]!.id, photoHashes: null, picks: events[0]!.picks > 0 });
  }, [events, selection, onSelection]);

  // The picks are asked for when they are chosen (they may have changed in the library since the list was read).
  const picks = usePicksOf(selection?.picks ? selection.eventId : null);
  const request = selection
    ? selection.picks
      ? picks.data && picks.data.length > 0
        ? { eventId: selection.eventId, photoHashes: [...picks.data] }
        : null
      : selection.photoHashes
        ? { photoHashes: [...selection.photoHashes] }
        : { eventId: selection.eventId }
    : null;
  const decided = useQuery(JSON.stringify({ request, target }), () =>
    request ? call('decidePhotos', { ...target, ...request }) : Promise.resolve(null),
  );
  // Only the decisions of this very request (with this target): none while they are worked out or failed.
  const decisions = decided.loading || decided.error ? null : decided.data;
  // The clips an export of this request takes (an event's, whole or its picks; none for photos chosen one by one).
  const clipsDecided = useQuery(JSON.stringify({ clips: request, target }), () =>
    request ? call('decideClips', { ...target, ...request }) : Promise.resolve(null),
  );
  const clips = clipsDecided.loading || clipsDecided.error ? null : (clipsDecided.data ?? []);
  const uncredited = useQuery(JSON.stringify(request), () =>
    request ? call('photosWithoutCredit', request) : Promise.resolve(null),
  ).data;
  const error = starting.error ?? decided.error ?? clipsDecided.error ?? eventList.error ?? picks.error;

  const counts = countByStatus([
    ...(decisions ?? []).map((item) => ({
      decision: { status: statusWithOverride(item.decision, overrides[item.photoHash], officer) },
    })),
    ...(clips ?? []).map((clip) => ({
      decision: { status: statusWithOverride(clip.decision, overrides[clip.videoHash], officer) },
    })),
  ]);
  const exportable = counts.publish + counts.hide;
  const problems = (decisions ?? []).filter(
    (item) => item.decision.status === 'blocked' || item.decision.status === 'needs_review',
  );

  async function start(event: FormEvent) {
    event.preventDefault();
    if (!request) return;
    const chosen = Object.fromEntries(Object.entries(overrides).filter(([, reason]) => overrideReasonOf(reason)));
    const started = await starting.run(async () => {
      const folder = await pathHandle('exportFolder', outDir);
      setOutDir(spent(outDir));
      return call('startExport', {
        ...target,
        ...request,
        outDir: folder,
        ...(Object.keys(chosen).length > 0 ? { overrides: chosen } : {}),
        ...(caption.trim() ? { caption } : {}),
        ...(keepAudio && clips && clips.length > 0 ? { keepAudio: true } : {}),
        ...(allowSnapshot ? { allowSnapshot } : {}),
      });
    });
    if (started) setRun({ state: 'running', jobId: started.value.jobId, progress: null });
  }

  if (events !== null && events.every((event) => event.photos + event.clips === 0)) {
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
        <Field label="ui.publish.event">
          <select
            name="event"
            value={selection?.eventId ?? ''}
            onChange={(e) => {
              const chosen = events?.find((event) => event.id === Number(e.target.value));
              onSelection(chosen ? { eventId: chosen.id, photoHashes: null, picks: chosen.picks > 0 } : null);
            }}
          >
            <option value="">{t('ui.publish.chooseEvent')}</option>
            {events
              ?.filter((event) => event.photos + event.clips > 0)
              .map((event) => (
                <option key={event.id} value={event.id}>
                  {event.name}
                </option>
              ))}
          </select>
        </Field>
        {selection && selectedEvent && (selectedEvent.picks > 0 || selection.picks) ? (
          <PublishScope event={selectedEvent} selection={selection} onSelection={onSelection} />
        ) : (
          selection?.photoHashes &&
          selectedEvent && (
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
          )
        )}
      </div>
      <ErrorAlert error={error} />
      {request && decisions === null && !error && <Busy label="ui.publish.deciding" />}
      {decisions && clips && (
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
            <ProblemTable problems={problems} overrides={overrides} onOverrides={setOverrides} officer={officer} />
          )}
          {clips.length > 0 && (
            <>
              <ClipTable clips={clips} overrides={overrides} onOverrides={setOverrides} officer={officer} />
              <AudioChoice keepAudio={keepAudio} onKeepAudio={setKeepAudio} />
            </>
          )}
          {uncredited && uncredited.photos.length > 0 && (
            <p className="warning-note" role="note">
              {t('ui.publish.withoutCredit', {
                count: uncredited.photos.length,
                files: uncredited.photos.map((photo) => photo.name).join(', '),
              })}
            </p>
          )}
          <CaptionField caption={caption} onCaption={setCaption} />
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
          {(allowSnapshot || starting.error?.code === 'board.exportUnreachable') && (
            <label className="check">
              <input
                type="checkbox"
                name="allowSnapshot"
                checked={allowSnapshot}
                onChange={(e) => setAllowSnapshot(e.target.checked)}
              />
              {t('ui.publish.allowSnapshot')}
            </label>
          )}
          {exportable === 0 && <p className="empty">{t('ui.publish.nothing')}</p>}
          {run.state === 'cancelled' && <p role="status">{t('ui.publish.cancelled')}</p>}
          {run.state === 'failed' &&
            (run.error ? <ErrorAlert error={run.error} /> : <p role="alert">{t('ui.publish.failed')}</p>)}
          {run.state === 'running' ? (
            <ExportProgress run={run} exportable={exportable} photos={decisions.length + clips.length} />
          ) : (
            <div className="actions">
              <button type="submit" className="primary" disabled={exportable === 0 || !outDir.text.trim()}>
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
