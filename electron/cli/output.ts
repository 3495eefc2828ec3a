// CLI output: human text on stdout, or with --json one JSON document on stdout and every message on stderr.
// Progress goes to stderr: a redrawn bar on a terminal, a line every 10% otherwise.
import { describeError, translate, type MessageKey, type MessageParams } from '../../shared/i18n';
import { toSerializedError, type SerializedError } from '../../shared/errors';
import type { FrameProgress, JobProgress, Language } from '../../shared/types';
import { argvOption } from '../core/argv';

export interface OutputOptions {
  readonly json: boolean;
  readonly language: Language;
  readonly stdout?: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stderr?: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
}

export class Output {
  readonly json: boolean;
  readonly language: Language;
  private readonly stdout: NonNullable<OutputOptions['stdout']>;
  private readonly stderr: NonNullable<OutputOptions['stderr']>;
  private lastDecile = -1;
  /** The current clip and the tenth of its frames last printed (without a terminal). */
  private lastFrames: { current: string | null; decile: number } = { current: null, decile: -1 };
  private barShown = false;

  constructor(options: OutputOptions) {
    this.json = options.json;
    this.language = options.language;
    this.stdout = options.stdout ?? process.stdout;
    this.stderr = options.stderr ?? process.stderr;
  }

  t(key: MessageKey, params?: MessageParams): string {
    return translate(this.language, key, params);
  }

  /** A line for a person: stdout normally, stderr under --json so stdout stays one JSON document. */
  say(text: string): void {
    this.clearBar();
    (this.json ? this.stderr : this.stdout).write(`${text}\n`);
  }

  warn(text: string): void {
    this.clearBar();
    this.stderr.write(`${text}\n`);
  }

  /** The machine-readable result; printed only under --json. */
  result(document: unknown): void {
    if (this.json) this.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
  }

  fail(error: unknown): SerializedError {
    const serialized = toSerializedError(error);
    this.clearBar();
    const detail = serialized.code === 'internal' && error instanceof Error ? ` (${error.message})` : '';
    this.stderr.write(`${describeError(this.language, serialized)}${detail}\n`);
    if (this.json) this.stdout.write(`${JSON.stringify({ ok: false, error: serialized }, null, 2)}\n`);
    return serialized;
  }

  progress(progress: JobProgress): void {
    const handled = progress.done + progress.failed + progress.skipped;
    const total = progress.total;
    if (this.stderr.isTTY) {
      const width = 30;
      const share = total ? Math.min(1, handled / total) : 0;
      const bar = total ? `[${'#'.repeat(Math.round(share * width)).padEnd(width, '.')}] ` : '';
      const count = total
        ? this.t('jobs.progress', { done: handled, total })
        : this.t('jobs.progress.unknown', { done: handled });
      const current = progress.current ? ` ${progress.current}` : '';
      const frames = progress.frames ? ` · ${this.framesText(progress.frames)}` : '';
      const line = `${bar}${count}${current}${frames}`;
      const columns = this.stderr.columns ?? 100;
      this.stderr.write(`\r${line.length > columns - 1 ? line.slice(0, columns - 2) + '…' : line.padEnd(columns - 1)}`);
      this.barShown = true;
      return;
    }
    if (progress.frames && progress.frames.total > 0) {
      // A clip: a line every tenth of its frames, with seconds of the clip done.
      const frameDecile = Math.floor((progress.frames.done / progress.frames.total) * 10);
      if (this.lastFrames.current !== progress.current) this.lastFrames = { current: progress.current, decile: -1 };
      if (frameDecile > this.lastFrames.decile) {
        this.lastFrames.decile = frameDecile;
        this.stderr.write(`${progress.current ?? ''} ${this.framesText(progress.frames)}\n`.trimStart());
      }
    }
    if (!total) return;
    const decile = Math.floor((handled / total) * 10);
    if (decile > this.lastDecile) {
      this.lastDecile = decile;
      this.stderr.write(`${this.t('jobs.progress', { done: handled, total })}\n`);
    }
  }

  private framesText(frames: FrameProgress): string {
    const seconds = (count: number) => (count / frames.frameRate).toFixed(1);
    return this.t('jobs.progress.frames', {
      done: frames.done,
      total: Math.max(frames.done, frames.total),
      seconds: seconds(frames.done),
      totalSeconds: seconds(Math.max(frames.done, frames.total)),
    });
  }

  private clearBar(): void {
    if (!this.barShown) return;
    this.barShown = false;
    this.stderr.write('\r\x1b[2K');
  }
}

/** The CLI's language: --lang, then FOTOWACHT_LANG, then the locale (LC_ALL, LC_MESSAGES, LANG) when it is Dutch; else English. */
export function cliLanguage(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): Language {
  for (const candidate of [argvOption(argv, 'lang'), env.FOTOWACHT_LANG]) {
    if (candidate === 'nl' || candidate === 'en') return candidate;
  }
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return locale.toLowerCase().startsWith('nl') ? 'nl' : 'en';
}
