// Helpers for benchmarks: generated photos, timing, event-loop delay and peak memory.
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import sharp from 'sharp';

/** Writes `count` noisy JPEGs of the given size (noise keeps the encoder honest) and returns their paths. */
export async function generatePhotos(dir: string, count: number, width = 6000, height = 4000): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const base = await sharp({
    create: {
      width: width / 10,
      height: height / 10,
      channels: 3,
      background: '#888',
      noise: { type: 'gaussian', mean: 128, sigma: 60 },
    },
  })
    .resize(width, height, { kernel: 'nearest' })
    .jpeg({ quality: 90 })
    .toBuffer();
  const files: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const file = path.join(dir, `photo-${String(i).padStart(4, '0')}.jpg`);
    // A different tint per file so that every file has its own content hash.
    await sharp(base)
      .modulate({ hue: i % 360 })
      .jpeg({ quality: 90 })
      .toFile(file);
    files.push(file);
  }
  return files;
}

// Linux: the main thread's time on a CPU and waiting for one (ns), as the scheduler counts them.
const SCHEDSTAT = `/proc/self/task/${process.pid}/schedstat`;
function mainThreadSchedule(): { run: number; wait: number } | null {
  try {
    const [run, wait] = readFileSync(SCHEDSTAT, 'utf8').split(' ').map(Number);
    return run !== undefined && wait !== undefined ? { run, wait } : null;
  } catch {
    return null;
  }
}

const percentile = (values: readonly number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};

export interface Measured<T> {
  readonly value: T;
  readonly seconds: number;
  readonly eventLoopMaxMs: number;
  readonly eventLoopP99Ms: number;
  readonly peakRssMb: number;
  /**
   * Share of the time the main thread was busy (event-loop utilisation, 0..1): unlike the delays, hardly moved by
   * other processes on the machine, which delay a waiting event loop without making it busy.
   */
  readonly mainThreadBusy: number;
  /**
   * The main thread's own time on a CPU between two ticks of a 10 ms timer (p99, max; Linux only, else null): what
   * Fotowacht's work holds the event loop, without the waits for a core that other processes cause.
   */
  readonly mainThreadRun: { readonly p99Ms: number; readonly maxMs: number; readonly waitedShare: number } | null;
}

export async function measure<T>(work: () => Promise<T>): Promise<Measured<T>> {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  let peak = process.memoryUsage.rss();
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 50);
  const runs: number[] = [];
  const first = mainThreadSchedule();
  let last = first;
  const ticker = setInterval(() => {
    const now = mainThreadSchedule();
    if (now && last) runs.push((now.run - last.run) / 1e6);
    last = now;
  }, 10);
  histogram.enable();
  // The histogram counts a stall only from its second tick on: let it tick before the work starts.
  await new Promise((resolve) => setTimeout(resolve, 25));
  const start = process.hrtime.bigint();
  const utilisation = performance.eventLoopUtilization();
  try {
    const value = await work();
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    // One more timer tick before the histogram stops: work that held the thread to the very end is counted too.
    await new Promise((resolve) => setTimeout(resolve, 20));
    return {
      value,
      seconds,
      eventLoopMaxMs: histogram.max / 1e6,
      eventLoopP99Ms: histogram.percentile(99) / 1e6,
      peakRssMb: Math.max(peak, process.memoryUsage.rss()) / 2 ** 20,
      mainThreadBusy: performance.eventLoopUtilization(utilisation).utilization,
      mainThreadRun:
        first && last && runs.length > 0
          ? {
              p99Ms: percentile(runs, 99),
              maxMs: Math.max(...runs),
              waitedShare: (last.wait - first.wait) / 1e9 / seconds,
            }
          : null,
    };
  } finally {
    histogram.disable();
    clearInterval(sampler);
    clearInterval(ticker);
  }
}

export const fixed = (n: number, digits = 1) => n.toFixed(digits);

/**
 * The event loop of this process doing nothing for `ms`: how long other processes on the machine make a waiting
 * event loop wait. Printed beside the figures during work, which include it.
 */
export async function idleEventLoop(ms = 2000): Promise<string> {
  const idle = await measure(() => new Promise((resolve) => setTimeout(resolve, ms)));
  return `event loop of this process while it does nothing (the machine's own share of the delays below): p99 ${fixed(idle.eventLoopP99Ms)} ms, max ${fixed(idle.eventLoopMaxMs)} ms`;
}

/** The event loop during a step, each figure beside its target (p99 < 30 ms, max < 100 ms), and how busy it was. */
export function eventLoopLine(step: string, run: Measured<unknown>): string {
  return (
    `event loop during ${step}: p99 ${fixed(run.eventLoopP99Ms)} ms (target < 30 ms): ${verdict(run.eventLoopP99Ms < 30)}, ` +
    `max ${fixed(run.eventLoopMaxMs)} ms (target < 100 ms): ${verdict(run.eventLoopMaxMs < 100)}; ` +
    `main thread busy ${fixed(run.mainThreadBusy * 100, 0)}% of the time` +
    (run.mainThreadRun
      ? `; its own time on a CPU between two 10 ms ticks (the delays without the waits other processes cause; it ` +
        `waited for a core ${fixed(run.mainThreadRun.waitedShare * 100, 0)}% of the time): p99 ${fixed(run.mainThreadRun.p99Ms)} ms ` +
        `(target < 30 ms): ${verdict(run.mainThreadRun.p99Ms < 30)}, max ${fixed(run.mainThreadRun.maxMs)} ms (target < 100 ms): ` +
        `${verdict(run.mainThreadRun.maxMs < 100)}`
      : '')
  );
}

/** Beside every figure with a target: whether it was met, honestly. */
export const verdict = (met: boolean): string => (met ? 'met' : 'MISSED');

/** A textured 6000×4000 JPEG (about 10 MB, like a camera's): noise scaled up so the encoder and decoder both work. */
export async function textured24MpJpeg(): Promise<Buffer> {
  return sharp({
    create: {
      width: 1500,
      height: 1000,
      channels: 3,
      background: '#888',
      noise: { type: 'gaussian', mean: 128, sigma: 60 },
    },
  })
    .resize(6000, 4000, { kernel: 'cubic' })
    .jpeg({ quality: 90 })
    .toBuffer();
}

/** `jpeg` with one extra marker segment (a comment, or XMP as APP1) right after the start-of-image marker. */
export function withSegment(jpeg: Buffer, marker: number, payload: Buffer): Buffer {
  const header = Buffer.alloc(4);
  header.writeUInt16BE(0xff00 | marker, 0);
  header.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([jpeg.subarray(0, 2), header, payload, jpeg.subarray(2)]);
}
