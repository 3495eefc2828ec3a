// A model exported for one input size, made to take another (modelShape.ts): the same network, so where both see
// the same pixels they give the same scores; the larger input gives the larger anchor grid.
import { readFileSync } from 'node:fs';
import { InferenceSession, Tensor } from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { blazeFaceModelPath } from '../../electron/core/faces/models';
import { resizeModelInput } from '../../electron/core/faces/modelShape';

const options: InferenceSession.SessionOptions = { intraOpNumThreads: 1, logSeverityLevel: 3 };

/** Seeded pixel values in -1..1 (the BlazeFace input range), NHWC. */
function noise(size: number, seed: number): Float32Array {
  let state = seed;
  return Float32Array.from({ length: size * size * 3 }, () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return (state / 0x7fffffff) * 2 - 1;
  });
}

describe('resizing a model input', () => {
  it('runs BlazeFace (exported for 256²) on 512² with the same scores where it sees the same pixels', async () => {
    const original = readFileSync(blazeFaceModelPath());
    const small = await InferenceSession.create(original, options);
    const large = await InferenceSession.create(
      resizeModelInput(original, { from: 256, to: 512, layout: 'nhwc' }),
      options,
    );
    const tile = noise(256, 7);
    // The 256² tile in the top-left corner of a 512² input, other pixels elsewhere.
    const wide = noise(512, 11);
    for (let row = 0; row < 256; row++) wide.set(tile.subarray(row * 256 * 3, (row + 1) * 256 * 3), row * 512 * 3);

    const a = await small.run({ 'input:0': new Tensor('float32', tile, [1, 256, 256, 3]) });
    const b = await large.run({ 'input:0': new Tensor('float32', wide, [1, 512, 512, 3]) });
    expect(b['Identity:0']!.dims).toEqual([1, 32 * 32 * 2, 1]);
    expect(b['Identity_3:0']!.dims).toEqual([1, 16 * 16 * 6, 16]);

    // Stride-16 cells near the top-left corner (their receptive field lies inside the shared pixels).
    const scoresA = a['Identity:0']!.data as Float32Array;
    const scoresB = b['Identity:0']!.data as Float32Array;
    for (const [row, col] of [
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1],
    ] as const) {
      for (let anchor = 0; anchor < 2; anchor++) {
        const inA = (row * 16 + col) * 2 + anchor;
        const inB = (row * 32 + col) * 2 + anchor;
        expect(scoresB[inB]).toBeCloseTo(scoresA[inA]!, 4);
      }
    }
    await Promise.all([small.release(), large.release()]);
  });

  it('refuses a file that is not a model, and a size the model cannot take', () => {
    expect(() => resizeModelInput(Buffer.from('not a model at all'), { from: 256, to: 512, layout: 'nhwc' })).toThrow();
    expect(() => resizeModelInput(readFileSync(blazeFaceModelPath()), { from: 256, to: 300, layout: 'nhwc' })).toThrow(
      /does not divide/,
    );
  });
});
