// Indexing speed: 200 generated 24-megapixel JPEGs through Fotowacht's full index job (read, hash, metadata,
// thumbnail + preview, database), next to Debian's vipsthumbnail making the same thumbnails of the same files
// with the same two-way parallelism; then a re-index of the unchanged set. Target: ≥ 90% of vipsthumbnail's
// throughput (issue 13), re-index < 1 s. Set FOTOWACHT_BENCH_PHOTOS for a smaller run.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openCore } from '../electron/core/context';
import { INDEX_CONCURRENCY, startIndexJob } from '../electron/core/library/indexer';
import { THUMBNAIL_SIZE } from '../electron/core/library/decode';
import type { Benchmark } from './run';
import { eventLoopLine, fixed, idleEventLoop, measure, textured24MpJpeg, verdict, withSegment } from './util';

const COUNT = Number(process.env.FOTOWACHT_BENCH_PHOTOS) || 200;

/**
 * One textured 6000×4000 JPEG (about 10 MB, like a camera's), written COUNT times with a different JPEG comment
 * each: every file has its own content hash and is decoded in full by both tools, without minutes of encoding.
 */
async function generate24MpPhotos(dir: string, count: number): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const base = await textured24MpJpeg();
  const files: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const file = path.join(dir, `IMG_${String(i).padStart(4, '0')}.jpg`);
    writeFileSync(file, withSegment(base, 0xfe, Buffer.from(`Fotowacht bench photo ${i}`, 'latin1')));
    files.push(file);
  }
  return files;
}

/** Runs vipsthumbnail through bash so that `times` reports the CPU seconds (user + system) it used. */
function vipsthumbnail(args: readonly string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', 'vipsthumbnail "$@" && times', 'vipsthumbnail', ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`vipsthumbnail exited ${code}: ${stderr}`));
      // The second line of `times`: the children's user and system time, as "0m1.234s 0m0.056s".
      const line = stdout.trim().split('\n').at(-1) ?? '';
      const seconds = [...line.matchAll(/(\d+)m([\d.]+)s/g)].reduce(
        (sum, m) => sum + Number(m[1]) * 60 + Number(m[2]),
        0,
      );
      resolve(seconds);
    });
  });
}

/** vipsthumbnail over the files in `lanes` parallel processes (the same parallelism as the index job); CPU seconds. */
export async function vipsThumbnails(files: readonly string[], outDir: string, lanes: number): Promise<number> {
  mkdirSync(outDir, { recursive: true });
  const parts = Array.from({ length: lanes }, (_, lane) => files.filter((_, i) => i % lanes === lane));
  const cpu = await Promise.all(
    parts.map((part) => vipsthumbnail(['-s', String(THUMBNAIL_SIZE), '-o', `${outDir}/%s.webp[Q=78]`, ...part])),
  );
  return cpu.reduce((a, b) => a + b, 0);
}

const cpuSeconds = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1e6;

export const benchLibrary: Benchmark = {
  name: 'library',
  async run() {
    const dir = mkdtempSync(path.join(tmpdir(), 'fotowacht-bench-library-'));
    try {
      const photos = path.join(dir, 'Sportdag 2026');
      const files = await generate24MpPhotos(photos, COUNT);
      console.log(
        `${files.length} generated 24 MP JPEGs (6000×4000, about 10 MB each), concurrency ${INDEX_CONCURRENCY}`,
      );

      // The machine may be shared: besides wall-clock throughput, CPU time per photo is printed, which other
      // processes do not disturb.
      let vipsRate: number | null = null;
      let vipsCpuMs: number | null = null;
      const hasVips = spawnSync('vipsthumbnail', ['--version'], { encoding: 'utf8' });
      if (hasVips.status === 0) {
        const vips = await measure(() => vipsThumbnails(files, path.join(dir, 'vips'), INDEX_CONCURRENCY));
        const made = readdirSync(path.join(dir, 'vips')).length;
        vipsRate = made / vips.seconds;
        vipsCpuMs = (vips.value / made) * 1000;
        console.log(
          `vipsthumbnail (${hasVips.stdout.trim()}), ${THUMBNAIL_SIZE} px WebP thumbnails: ${fixed(vipsRate, 2)} photos/s (${fixed(vips.seconds)} s), CPU ${fixed(vipsCpuMs, 0)} ms per photo`,
        );
      } else {
        console.log(
          'vipsthumbnail not found (install Debian libvips-tools): comparison skipped, only Fotowacht’s figures follow',
        );
      }

      const core = openCore({ dataDir: path.join(dir, 'data'), osUser: 'bench' });
      try {
        const cpuBefore = process.cpuUsage();
        const first = await measure(async () => (await (await startIndexJob(core, photos)).finished).result);
        const cpuMs = (cpuSeconds(process.cpuUsage(cpuBefore)) / (first.value?.photos || 1)) * 1000;
        const rate = (first.value?.photos ?? 0) / first.seconds;
        console.log(
          `Fotowacht full index (read, SHA-256, metadata, ${THUMBNAIL_SIZE} px thumbnail + preview, database): ${fixed(rate, 2)} photos/s (${fixed(first.seconds)} s, ${first.value?.photos} photos, ${first.value?.errors.length} errors), CPU ${fixed(cpuMs, 0)} ms per photo`,
        );
        if (vipsRate && vipsCpuMs) {
          const share = (rate / vipsRate) * 100;
          const cpuShare = (vipsCpuMs / cpuMs) * 100;
          console.log(
            `  = ${fixed(share, 0)}% of vipsthumbnail's throughput (target ≥ 90%): ${verdict(share >= 90)}; by CPU time per photo: ${fixed(cpuShare, 0)}%`,
          );
        }
        console.log(`  ${await idleEventLoop()}`);
        console.log(`  ${eventLoopLine('the index', first)}`);
        console.log(
          `  peak memory (RSS): ${fixed(first.peakRssMb, 0)} MB (target ≤ 1536 MB): ${verdict(first.peakRssMb <= 1536)}`,
        );

        const again = await measure(async () => (await (await startIndexJob(core, photos)).finished).result);
        console.log(
          `re-index of the unchanged set: ${fixed(again.seconds * 1000, 0)} ms for ${again.value?.unchanged} unchanged files (target < 1000 ms): ${verdict(again.seconds < 1)}`,
        );
      } finally {
        await core.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
