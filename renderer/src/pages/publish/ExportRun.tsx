// An export job as the publish screen follows it: its state from the job's progress events (and its result when it
// is done), and the progress bar with cancel while it runs.
import { useEffect, useState } from 'react';
import type { SerializedError } from '../../../../shared/errors';
import type { ExportSummary } from '../../../../shared/publish';
import type { JobProgress } from '../../../../shared/types';
import { call, errorOf } from '../../api';
import { useI18n } from '../../i18n';
import { FramesText } from './ClipTable';

export type ExportRun =
  | { readonly state: 'idle' }
  | { readonly state: 'running'; readonly jobId: string; readonly progress: JobProgress | null }
  | { readonly state: 'done'; readonly result: ExportSummary }
  | { readonly state: 'cancelled' }
  | { readonly state: 'failed'; readonly error: SerializedError | null };

export function useExportRun(): { run: ExportRun; setRun: (run: ExportRun) => void } {
  const [run, setRun] = useState<ExportRun>({ state: 'idle' });
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
  return { run, setRun };
}

export function ExportProgress({
  run,
  exportable,
  photos,
}: {
  run: Extract<ExportRun, { state: 'running' }>;
  /** How many photos will be written (before the first progress event). */
  exportable: number;
  /** How many photos the job goes through (before it says so itself). */
  photos: number;
}) {
  const { t } = useI18n();
  const handled = run.progress ? run.progress.done + run.progress.failed + run.progress.skipped : undefined;
  return (
    <div role="status" className="busy export-progress">
      <progress
        aria-label={t('ui.publish.running', { done: 0, total: exportable })}
        max={run.progress?.total ?? undefined}
        value={handled}
      />
      <span>{t('ui.publish.running', { done: handled ?? 0, total: run.progress?.total ?? photos })}</span>
      {run.progress?.frames && <FramesText frames={run.progress.frames} />}
      <button type="button" onClick={() => void call('cancelJob', { jobId: run.jobId })}>
        {t('ui.publish.cancel')}
      </button>
    </div>
  );
}
