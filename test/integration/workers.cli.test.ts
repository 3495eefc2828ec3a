// The worker threads (HEIC decoder, face inference) never keep a finished CLI alive: the process exits right after
// printing its result. Spawned as a user runs it; a process still running GRACE_MS after its result is killed.
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeJpeg } from '../helpers/photos';
import { useTempDirs } from '../helpers/tempDir';

const tempDir = useTempDirs();
const BIN = path.resolve('bin/fotowacht.js');
const HEIC = path.resolve('test/fixtures/hevc-red-left-blue-right.heic');
/** Closing the database is all that is left after the result; a worker that holds the process holds it forever. */
const GRACE_MS = 5_000;

interface FinishedRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Still running GRACE_MS after the whole JSON result was printed, so killed. */
  readonly lingered: boolean;
}

/** Runs the CLI with --json; the result is complete once stdout parses as JSON. */
function fotowachtJson(args: readonly string[]): Promise<FinishedRun> {
  const child = spawn(process.execPath, [BIN, '--json', ...args], {
    env: { ...process.env, LANG: 'C', FOTOWACHT_LANG: '' },
  });
  let stdout = '';
  let stderr = '';
  let lingered = false;
  let graceTimer: NodeJS.Timeout | undefined;
  const printedResult = (): boolean => {
    try {
      JSON.parse(stdout);
      return true;
    } catch {
      return false;
    }
  };
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    if (graceTimer || !printedResult()) return;
    graceTimer = setTimeout(() => {
      lingered = true;
      child.kill('SIGKILL');
    }, GRACE_MS);
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(graceTimer);
      resolve({ code, stdout, stderr, lingered });
    });
  });
}

describe('the CLI exits when its work is done', () => {
  it('after indexing HEIC photos (decoder worker) and detecting faces in them (inference workers)', async () => {
    const event = path.join(tempDir(), 'Sportdag 2026');
    mkdirSync(event);
    copyFileSync(HEIC, path.join(event, 'IMG_0001.HEIC'));
    // A cut-short HEIC: libheif prints its parse failure inside the worker, which must not reach the output.
    writeFileSync(path.join(event, 'IMG_0002.HEIC'), readFileSync(HEIC).subarray(0, 600));

    const run = await fotowachtJson(['index', event, '--data-dir', tempDir()]);
    expect(run.lingered, 'still running 5 s after printing its result').toBe(false);
    // The cut-short HEIC is a failed item: the CLI exits 1 (having finished its work).
    expect(run.code, run.stderr).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({
      photos: 1,
      errors: [{ path: 'IMG_0002.HEIC', code: 'library.file.unreadable' }],
      faces: { photos: 1 },
    });
    expect(run.stdout + run.stderr).not.toContain('Could not parse HEIF');
  });

  it('after detecting faces in one photo (fotowacht faces <photo>)', async () => {
    const event = path.join(tempDir(), 'Sportdag 2026');
    mkdirSync(event);
    const photo = path.join(event, 'a.jpg');
    writeFileSync(photo, await makeJpeg({ width: 300, height: 200 }));
    const dataDir = tempDir();
    const index = await fotowachtJson(['index', event, '--no-faces', '--data-dir', dataDir]);
    expect(index.lingered, 'index still running 5 s after printing its result').toBe(false);
    expect(index.code, index.stderr).toBe(0);

    const run = await fotowachtJson(['faces', photo, '--data-dir', dataDir]);
    expect(run.lingered, 'still running 5 s after printing its result').toBe(false);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ detection: { cached: false, tiles: 1 } });
  });
});
