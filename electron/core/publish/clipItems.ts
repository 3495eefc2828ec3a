// The clips of an export (issue 15), after its photos: each decided, written when it may go out, and recorded with
// its outcome in the export and the audit trail together — like a photo (exportJob.ts), one clip at a time (each runs
// two ffmpeg processes). Progress is counted per clip and, within a clip, in frames.
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import type { ExportClipSummary } from '../../../shared/publish';
import type { Actor } from '../audit';
import { audited } from '../audit';
import { pseudonymOf } from '../consent';
import type { WritableDb } from '../db';
import { diskError } from '../fsErrors';
import type { JobContext } from '../jobs';
import { decideClipOne, type ChosenClip, type ClipDecided } from './clipDecisions';
import { writeClip, type ClipProblem, type ClipWriteSettings } from './clipExport';
import type { DecisionContext } from './decisions';
import { outputName } from './fileNames';
import type { ManifestEntry } from './manifest';
import { insertExportClip } from './repository';

export interface ClipOutcome {
  readonly summary: ExportClipSummary;
  readonly manifest: ManifestEntry;
}

export interface ClipStep {
  readonly db: WritableDb;
  readonly actor: Actor;
  readonly exportId: number;
  readonly context: DecisionContext;
  readonly date: string;
  readonly stem: string;
  /** Output numbers continue after the photos': the first clip is number `firstNumber`. */
  readonly firstNumber: number;
  readonly overrides: Readonly<Record<string, string>>;
  readonly settings: ClipWriteSettings;
}

function outcomeOf(
  decided: ClipDecided,
  state: ExportClipSummary['state'],
  output: {
    readonly name: string;
    readonly sha256: string;
    readonly frames: number;
    readonly audioKept: boolean;
  } | null,
  problems: readonly ClipProblem[],
): ClipOutcome {
  const { clip, decision } = decided;
  const done = state === 'done';
  return {
    summary: {
      videoHash: clip.video.hash,
      sourceName: path.basename(clip.video.paths[0] ?? ''),
      outputName: output?.name ?? null,
      decision: decision.status,
      state,
      hiddenTracks: decision.hiddenTracks.length,
      audioKept: output?.audioKept ?? false,
      frames: output?.frames ?? null,
      problems,
    },
    manifest: {
      kind: 'clip',
      outputName: output?.name ?? null,
      sourceSha256: clip.video.hash,
      outputSha256: output?.sha256 ?? null,
      decision: decision.status,
      overridden: decision.overridden,
      hiddenRegions: done ? decision.hiddenTracks.length : 0,
      audioKept: output ? output.audioKept : null,
      visiblePeople: done
        ? decision.visible.map((person) => ({ personId: person.personId, consentRecordId: person.consentRecordId }))
        : [],
      problems: problems.map((problem) => problem.code),
    },
  };
}

/** Records one clip's outcome (and an override) in the export and the audit trail, in one transaction. */
function record(
  step: ClipStep,
  decided: ClipDecided,
  state: ExportClipSummary['state'],
  output: {
    readonly name: string;
    readonly sha256: string;
    readonly frames: number;
    readonly audioKept: boolean;
  } | null,
  problems: readonly ClipProblem[],
): ClipOutcome {
  const { db, exportId, context } = step;
  const { clip, decision, faces } = decided;
  const override = step.overrides[clip.video.hash];
  audited(db, step.actor, (log) => {
    insertExportClip(db, {
      exportId,
      videoHash: clip.video.hash,
      outputName: output?.name ?? null,
      outputSha256: output?.sha256 ?? null,
      decision: decision.status,
      overrideReason: decision.overridden ? (override ?? null) : null,
      hiddenTracks: decision.hiddenTracks.length,
      audioKept: output?.audioKept ?? false,
      frames: output?.frames ?? null,
      state,
      errorCode: problems[0]?.code ?? null,
      details: { problems: problems.map((problem) => ({ code: problem.code })) },
      visible: state === 'done' ? decision.visible : [],
    });
    if (decision.overridden) {
      // The reason is free text that may name a pupil: beside the chain, erasable with the people linked in the clip.
      const about = [
        ...new Set(faces.tracks.flatMap((track) => (track.personId === null ? [] : [track.personId]))),
      ].map((personId) => pseudonymOf(db, personId));
      log({
        action: 'export.override',
        subject: `clip:${clip.video.hash}`,
        details: {
          exportId,
          channel: context.channel.id,
          date: step.date,
          blockers: decision.blockers.map((blocker) => blocker.code),
          privacyOfficer: decision.officerOverridable,
        },
        personal: { about, details: { reason: override ?? '' } },
      });
    }
  });
  return outcomeOf(decided, state, output, problems);
}

/**
 * Decides and exports the clips one by one through the job (so they count in its progress and cancel); `written`
 * collects the names put in the export folder. Returns each clip's outcome in order (none for a cancelled one).
 */
export async function exportClipItems(
  step: ClipStep,
  clips: readonly ChosenClip[],
  ctx: JobContext,
  written: string[],
): Promise<ClipOutcome[]> {
  const outcomes: Array<ClipOutcome | undefined> = new Array(clips.length);
  const exportOne = async (index: number, signal: AbortSignal): Promise<'done' | 'skipped'> => {
    const clip = clips[index]!;
    const decided = decideClipOne(step.db, step.context, clip, step.overrides[clip.video.hash]);
    const { decision } = decided;
    if (decision.status === 'blocked' || decision.status === 'needs_review') {
      const problems = decision.blockers.map((blocker) => ({ code: blocker.code, params: blocker.params }));
      outcomes[index] = record(step, decided, 'skipped', null, problems);
      return 'skipped';
    }
    const name = outputName(step.stem, step.firstNumber + index, 'clip');
    const file = path.basename(clip.video.paths[0] ?? '');
    const frameRate = clip.video.frameRate > 0 ? clip.video.frameRate : 30;
    ctx.setFrames({ done: 0, total: Math.round(clip.video.durationSeconds * frameRate), frameRate });
    let result;
    try {
      result = await writeClip(decided, name, step.settings, signal, (done, total) =>
        ctx.setFrames({ done, total, frameRate }),
      );
    } catch (error) {
      if (signal.aborted) return 'skipped';
      // A clip that could not be read or written is a failed item in the export, its manifest and the audit trail.
      const failure =
        error instanceof AppError
          ? error
          : (diskError(error, { file }) ?? new AppError('publish.writeFailed', { file }));
      outcomes[index] = record(step, decided, 'failed', null, [{ code: failure.code, params: { file } }]);
      throw failure;
    } finally {
      ctx.setFrames(null);
    }
    if (result.state === 'cancelled') return 'skipped';
    if (result.state === 'leak') {
      outcomes[index] = record(step, decided, 'failed', null, result.findings);
      throw new AppError('publish.leakCheckFailed', {
        file,
        findings: result.findings.map((finding) => finding.code).join(', '),
      });
    }
    written.push(name);
    outcomes[index] = record(
      step,
      decided,
      'done',
      { name, sha256: result.sha256, frames: result.frames, audioKept: result.audioKept },
      [],
    );
    return 'done';
  };
  await ctx.forEach(
    clips.map((_, index) => index),
    (index, signal) => exportOne(index, signal),
    { label: (index) => path.basename(clips[index]!.video.paths[0] ?? ''), concurrency: 1 },
  );
  return outcomes.filter((outcome): outcome is ClipOutcome => outcome !== undefined);
}
