// The pure parts of the clip export: output size, frame numbering rate, where a mask lands in pixels and what
// painting it changes in a YUV 4:2:0 picture.
import { describe, expect, it } from 'vitest';
import {
  frameSizeFor,
  MASK_GROW_PX,
  MASK_YUV,
  maskRect,
  masksByFrame,
  MAX_FRAME_SIDE,
  numberingRate,
  paintMasks,
  yuvFrameBytes,
} from '../../electron/core/video';

describe('clip export sizes and rates', () => {
  it('scales to the channel size by the longest side, never enlarges, keeps both sides even, caps at 4K', () => {
    expect(frameSizeFor(1920, 1080, 1280)).toEqual({ width: 1280, height: 720 });
    expect(frameSizeFor(1080, 1920, 1280)).toEqual({ width: 720, height: 1280 });
    expect(frameSizeFor(640, 480, 2048)).toEqual({ width: 640, height: 480 });
    expect(frameSizeFor(240, 320, 200)).toEqual({ width: 150, height: 200 });
    expect(frameSizeFor(321, 241, null)).toEqual({ width: 322, height: 242 });
    expect(frameSizeFor(1000, 1, 500)).toEqual({ width: 500, height: 2 });
    expect(frameSizeFor(16384, 16384, null)).toEqual({ width: MAX_FRAME_SIDE, height: MAX_FRAME_SIDE });
    expect(yuvFrameBytes({ width: 4, height: 2 })).toBe(8 + 2 * 2);
  });

  it('numbers frames at the clip rate to 1/1000, and at 30 when the header is nonsense', () => {
    expect(numberingRate(29.97002997)).toBe(29.97);
    expect(numberingRate(25)).toBe(25);
    expect(numberingRate(0)).toBe(30);
    expect(numberingRate(Number.NaN)).toBe(30);
    expect(numberingRate(90_000)).toBe(30);
  });
});

describe('masks on raw pictures', () => {
  const size = { width: 16, height: 8 };

  it('grows a box by the mask margin, to even edges, inside the picture', () => {
    expect(maskRect({ x: 0.25, y: 0.25, w: 0.25, h: 0.5 }, size)).toEqual({
      x0: 0,
      y0: 0,
      x1: 12,
      y1: 8,
    });
    const big = { width: 100, height: 100 };
    const rect = maskRect({ x: 0.335, y: 0.405, w: 0.2, h: 0.1 }, big);
    expect(rect).toEqual({ x0: 28, y0: 36, x1: 58, y1: 56 });
    expect((rect.x0 % 2) + (rect.y0 % 2) + (rect.x1 % 2) + (rect.y1 % 2)).toBe(0);
    expect(rect.x0).toBeLessThanOrEqual(33 - MASK_GROW_PX);
  });

  it('groups boxes per frame and leaves out boxes that are not numbers or have no area', () => {
    const byFrame = masksByFrame([
      { frame: 3, boxes: [{ x: 0.1, y: 0.1, w: 0.1, h: 0.1 }] },
      { frame: 3, boxes: [{ x: 0.5, y: 0.5, w: 0.1, h: 0.1 }] },
      { frame: 4, boxes: [{ x: Number.NaN, y: 0, w: 0.1, h: 0.1 }] },
      { frame: 5, boxes: [{ x: 0, y: 0, w: 0, h: 0.1 }] },
      { frame: -1, boxes: [{ x: 0, y: 0, w: 0.1, h: 0.1 }] },
      { frame: 1.5, boxes: [{ x: 0, y: 0, w: 0.1, h: 0.1 }] },
    ]);
    expect([...byFrame.keys()]).toEqual([3]);
    expect(byFrame.get(3)).toHaveLength(2);
  });

  it('paints the mask grey in luma and neutral in chroma, only inside its rectangle', () => {
    const big = { width: 64, height: 32 };
    const picture = Buffer.alloc(yuvFrameBytes(big), 200);
    const box = { x: 0.5, y: 0.5, w: 0.25, h: 0.25 };
    paintMasks(picture, big, [box]);
    const rect = maskRect(box, big);
    expect(rect).toEqual({ x0: 28, y0: 12, x1: 52, y1: 28 });
    for (let y = 0; y < big.height; y += 1) {
      for (let x = 0; x < big.width; x += 1) {
        const inside = x >= rect.x0 && x < rect.x1 && y >= rect.y0 && y < rect.y1;
        expect(picture[y * big.width + x]).toBe(inside ? MASK_YUV.y : 200);
      }
    }
    const chroma = big.width * big.height;
    const chromaWidth = big.width / 2;
    for (const [plane, value] of [
      [chroma, MASK_YUV.u],
      [chroma + chromaWidth * (big.height / 2), MASK_YUV.v],
    ] as const) {
      for (let y = 0; y < big.height / 2; y += 1) {
        for (let x = 0; x < chromaWidth; x += 1) {
          const inside = x >= rect.x0 / 2 && x < rect.x1 / 2 && y >= rect.y0 / 2 && y < rect.y1 / 2;
          expect(picture[plane + y * chromaWidth + x]).toBe(inside ? value : 200);
        }
      }
    }
  });
});
