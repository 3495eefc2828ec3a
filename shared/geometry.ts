// Boxes on a photo: top-left based; normalised 0..1 in the orientation a viewer sees unless a caller says pixels.

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

export function clampBox(box: Box): Box {
  const x0 = Math.max(0, Math.min(1, box.x));
  const y0 = Math.max(0, Math.min(1, box.y));
  const x1 = Math.max(0, Math.min(1, box.x + box.w));
  const y1 = Math.max(0, Math.min(1, box.y + box.h));
  return { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
}

/** The box grown by `share` of its width and height on every side, kept inside the photo. */
export function growBox(box: Box, share: number): Box {
  return clampBox({
    x: box.x - box.w * share,
    y: box.y - box.h * share,
    w: box.w * (1 + 2 * share),
    h: box.h * (1 + 2 * share),
  });
}

export function boxArea(box: Box): number {
  return Math.max(0, box.w) * Math.max(0, box.h);
}

export function intersectionArea(a: Box, b: Box): number {
  const w = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

export function iou(a: Box, b: Box): number {
  const overlap = intersectionArea(a, b);
  const union = boxArea(a) + boxArea(b) - overlap;
  return union > 0 ? overlap / union : 0;
}
