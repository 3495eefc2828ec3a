// The job runner under real image work: thumbnails of 24 MP photos through sharp, two at a time,
// while the event loop's delay is measured. A responsive main process keeps p99 delay low.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { JobRunner } from '../electron/core/jobs/runner';
import type { Benchmark } from './run';
import { fixed, generatePhotos, measure } from './util';

export const benchJobs: Benchmark = {
  name: 'jobs',
  async run() {
    const dir = mkdtempSync(path.join(tmpdir(), 'fotowacht-bench-jobs-'));
    try {
      const files = await generatePhotos(dir, 24);
      const runner = new JobRunner({ defaultConcurrency: 2 });
      const result = await measure(async () => {
        const { finished } = runner.start({
          kind: 'bench',
          run: (ctx) =>
            ctx.forEach(
              files,
              async (file) => {
                await sharp(file).rotate().resize(512, 512, { fit: 'inside' }).webp().toBuffer();
                return 'done';
              },
              { label: (file) => path.basename(file) },
            ),
        });
        return finished;
      });
      console.log(
        `thumbnails of ${files.length} 24 MP JPEGs through the job runner: ${fixed(files.length / result.seconds, 2)} photos/s`,
      );
      console.log(
        `event loop delay during the job: p99 ${fixed(result.eventLoopP99Ms)} ms, max ${fixed(result.eventLoopMaxMs)} ms`,
      );
      console.log(`peak memory (RSS): ${fixed(result.peakRssMb, 0)} MB`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
