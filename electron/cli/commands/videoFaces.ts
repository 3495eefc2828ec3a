// The clips' face scan as `fotowacht index` and `fotowacht faces detect` show it: progress on stderr in frames and
// seconds of the clip, then a line per clip (its tracks, or why it was kept or failed).
import { describeError } from '../../../shared/i18n';
import type { JobProgress } from '../../../shared/types';
import type { CoreContext } from '../../core/context';
import type { JobHandle } from '../../core/jobs';
import type { VideoFaceJobResult } from '../../core/library';
import type { Output } from '../output';

/**
 * Follows the clip job: on a terminal a redrawn bar (frames, and the clip with its seconds), otherwise a line when
 * a clip starts and at every tenth of the job's frames. Ctrl-C cancels it.
 */
export async function followClipScan(
  core: CoreContext,
  out: Output,
  handle: JobHandle<VideoFaceJobResult>,
  tty: boolean = Boolean(process.stderr.isTTY),
): Promise<JobProgress & { result: VideoFaceJobResult | null }> {
  let lastClip = '';
  let lastTenth = -1;
  const unsubscribe = core.jobs.onProgress((progress) => {
    if (progress.jobId !== handle.jobId || progress.state !== 'running') return;
    if (tty) {
      out.progress(progress);
      return;
    }
    const current = progress.current ?? '';
    const match = /^(.*) ([\d.?]+)\/([\d.]+) s$/.exec(current);
    const clip = match?.[1] ?? current;
    const tenth = progress.total ? Math.floor((progress.done / progress.total) * 10) : 0;
    if (!clip || (clip === lastClip && tenth === lastTenth)) return;
    lastClip = clip;
    lastTenth = tenth;
    out.warn(
      out.t('cli.video.scan.progress', {
        clip,
        frame: progress.done,
        frames: progress.total ?? '?',
        seconds: match?.[2] ?? '?',
        duration: match?.[3] ?? '?',
      }),
    );
  });
  const cancel = (): void => void core.jobs.cancel(handle.jobId);
  process.once('SIGINT', cancel);
  try {
    return await handle.finished;
  } finally {
    unsubscribe();
    process.off('SIGINT', cancel);
  }
}

/** A line per clip and the totals; true when a clip failed (the command then exits non-zero). */
export function reportClipScan(out: Output, finished: JobProgress & { result: VideoFaceJobResult | null }): boolean {
  const clips = finished.result?.clips ?? [];
  if (clips.length === 0 && finished.state === 'done') return false;
  const count = (state: string) => clips.filter((clip) => clip.state === state).length;
  out.say(
    out.t('cli.video.scan.done', {
      scanned: count('scanned'),
      tracks: finished.result?.tracks ?? 0,
      kept: count('kept'),
      failed: count('failed'),
    }),
  );
  for (const clip of clips) {
    if (clip.state === 'scanned')
      out.say(
        out.t('cli.video.scan.clip', {
          clip: clip.name,
          tracks: clip.tracks,
          frames: clip.frames,
          sampled: clip.sampled,
        }),
      );
    else if (clip.state === 'kept') out.say(out.t('cli.video.scan.kept', { clip: clip.name }));
    else out.say(out.t('cli.video.scan.failed', { clip: clip.name, error: describeError(out.language, clip.error!) }));
  }
  return finished.state !== 'done' || count('failed') > 0;
}
