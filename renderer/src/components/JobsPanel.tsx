import { useEffect, useState } from 'react';
import type { JobProgress } from '../../../shared/types';
import { isMessageKey } from '../../../shared/i18n';
import { call } from '../api';
import { useI18n } from '../i18n';

/** Whether a finished job has something the user must read: it failed, or some of its items did. */
function hasFailures(job: JobProgress): boolean {
  return job.state === 'failed' || job.failed > 0;
}

/** Running jobs with progress and a cancel button; finished ones with failures stay, with each error in words. */
export function JobsPanel() {
  const { t, tError } = useI18n();
  const [jobs, setJobs] = useState<ReadonlyMap<string, JobProgress>>(new Map());
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(new Set());

  useEffect(() => {
    const merge = (progress: JobProgress) => setJobs((current) => new Map(current).set(progress.jobId, progress));
    const unsubscribe = window.api.onJobProgress(merge);
    call('listJobs', {}).then(
      (list) => list.forEach(merge),
      () => undefined,
    );
    return unsubscribe;
  }, []);

  const jobKindLabel = (kind: string) => {
    const key = `ui.jobs.kind.${kind}`;
    return isMessageKey(key) ? t(key) : kind;
  };
  const visible = [...jobs.values()].filter(
    (job) => job.state === 'running' || job.state === 'queued' || (hasFailures(job) && !dismissed.has(job.jobId)),
  );
  if (visible.length === 0) return null;
  return (
    <aside className="jobs" aria-label={t('jobs.title')}>
      {visible.map((job) => (
        <div key={job.jobId} className="job">
          <div className="job-line">
            <strong>{jobKindLabel(job.kind)}</strong>
            <span>{t(`jobs.state.${job.state}`)}</span>
            <span>
              {job.total === null
                ? t('jobs.progress.unknown', { done: job.done + job.failed + job.skipped })
                : t('jobs.progress', { done: job.done + job.failed + job.skipped, total: job.total })}
            </span>
            {job.state === 'running' || job.state === 'queued' ? (
              <button
                type="button"
                aria-label={`${t('jobs.cancel')}: ${jobKindLabel(job.kind)}`}
                onClick={() => void call('cancelJob', { jobId: job.jobId })}
              >
                {t('jobs.cancel')}
              </button>
            ) : (
              <button
                type="button"
                aria-label={`${t('common.close')}: ${jobKindLabel(job.kind)}`}
                onClick={() => setDismissed((current) => new Set(current).add(job.jobId))}
              >
                {t('common.close')}
              </button>
            )}
          </div>
          <progress
            max={job.total ?? undefined}
            value={job.total === null ? undefined : job.done + job.failed + job.skipped}
          />
          {job.current && <div className="job-current">{job.current}</div>}
          {hasFailures(job) && (
            <ul className="job-errors" aria-label={t('jobs.errors', { count: job.failed })}>
              {job.error && <li>{tError(job.error)}</li>}
              {job.errors.map((error, index) => (
                <li key={index}>
                  <strong>{error.item}</strong>: {tError(error)}
                </li>
              ))}
            </ul>
          )}
        </div>
      ))}
    </aside>
  );
}
