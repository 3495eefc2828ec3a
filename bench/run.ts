// npm run bench: speed and memory figures, printed side by side with their reference. Not part of npm test.
// Usage: npm run bench [-- name ...]   (no names: every benchmark)
import { randomBytes } from 'node:crypto';
import { releaseFaceDetectors } from '../electron/core/faces';
import { releaseDecoders } from '../electron/core/library';
import { benchBoard } from './board.bench';
import { benchConsent } from './consent.bench';
import { benchDecide } from './decide.bench';
import { benchEncryption } from './encryption.bench';
import { benchFaces } from './faces.bench';
import { benchJobs } from './jobs.bench';
import { benchLibrary } from './library.bench';
import { benchPublish } from './publish.bench';
import { benchReview } from './review.bench';
import { benchVideoExport } from './videoExport.bench';

export interface Benchmark {
  readonly name: string;
  run(): Promise<void>;
}

// The UI benchmark drives Chromium through the test harness, which is typed against the DOM: it is type-checked
// with the browser tests (tsconfig.e2e.json), so it is loaded by a path the Node project does not follow.
const uiBenchFile = './ui.bench.ts';
const benchUi: Benchmark = {
  name: 'ui',
  async run() {
    const { benchUi: ui } = (await import(uiBenchFile)) as { benchUi: Benchmark };
    await ui.run();
  },
};

const benchmarks: readonly Benchmark[] = [
  benchJobs,
  benchLibrary,
  benchConsent,
  benchFaces,
  benchPublish,
  benchDecide,
  benchEncryption,
  benchBoard,
  benchReview,
  benchVideoExport,
  benchUi,
];

// Benchmarks make throwaway data folders: their databases are encrypted with a key made for this run (a bench
// machine may have no key store), unless the caller gives one.
process.env.FOTOWACHT_DB_KEY ??= randomBytes(32).toString('hex');

const wanted = process.argv.slice(2);
for (const benchmark of benchmarks) {
  if (wanted.length > 0 && !wanted.includes(benchmark.name)) continue;
  console.log(`\n== ${benchmark.name} ==`);
  await benchmark.run();
}
// Worker threads end by themselves (the pixel thread's face models first): none is cut off by the exit.
await Promise.all([releaseDecoders(), releaseFaceDetectors()]);
