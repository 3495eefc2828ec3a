// Face detections of a clip linked into tracks across frames, by position, size and motion only — never by what a
// face looks like (face detection, not recognition: PRODUCT.md rule 7). Pure: no I/O, no clock, no randomness.
//
// A track is its observations (the frames where the detector found the face). trackBoxes() turns them into one box
// for every frame the person may be on screen: observations as found, the frames between them (skipped by sampling
// or missed by the detector) interpolated and padded, and a margin of frames before the first and after the last
// observation with boxes grown in the direction of motion — so that no frame of a masked person slips through.
import { clampBox, iou, type Box } from '../../../shared/geometry';

export interface FrameDetections {
  /** Frame number in the clip (0-based). Frames without an entry were not sampled. */
  readonly frame: number;
  readonly boxes: readonly Box[];
}

export interface TrackObservation {
  readonly frame: number;
  readonly box: Box;
}

export interface Track {
  readonly id: number;
  /** Sorted by frame, one per frame at most. */
  readonly observations: readonly TrackObservation[];
}

export type TrackBoxKind = 'detected' | 'interpolated' | 'margin';

export interface TrackBox {
  readonly frame: number;
  readonly box: Box;
  readonly kind: TrackBoxKind;
}

export interface TrackOptions {
  /** Least overlap of a detection with a track's predicted box to join it… */
  readonly minIou: number;
  /** …or else at most this far from the predicted centre, in the predicted box's larger side. */
  readonly maxCentreDistance: number;
  /** A detection at most this many times larger or smaller (area) than the prediction may join. */
  readonly maxSizeRatio: number;
  /** Frames a track may go unseen and still be continued (bridged); beyond, a new track starts. */
  readonly maxGapFrames: number;
  /** Frames added before the first and after the last observation. */
  readonly marginFrames: number;
  /** Share of its size an interpolated box is grown by on every side (the detector's wobble). */
  readonly interpolationPad: number;
  /** Share of its size a detected box is grown by on every side (absent: as found). */
  readonly detectionPad?: number;
  /**
   * A margin box whose track starts or ends within this many of its own sizes of the picture's edge reaches that
   * edge (absent or 0: it does not).
   */
  readonly marginToEdge?: number;
  /**
   * A track that begins (ends) near the picture's edge (marginToEdge) keeps its last margin box, reaching that edge,
   * for this many frames before its first (after its last) observation instead of marginFrames: a face hovering
   * half outside the picture is not found, however long it stays there (absent: marginFrames).
   */
  readonly edgeHoldFrames?: number;
  /**
   * An observation this far (in the larger side of its box) from where the track's motion takes the one before may be
   * another person: the tracker may have swapped two people, or followed a neighbour when its own face left. Both
   * sides then also get the margins of an end and a start, marginFrames long (absent: no such margins).
   */
  readonly jumpShare?: number;
  /** Share of its size a margin box grows by per frame, on top of following the motion. */
  readonly marginGrowthPerFrame: number;
  /** Frames in the clip: boxes are never produced outside 0 … frameCount - 1. */
  readonly frameCount: number;
}

export const DEFAULT_TRACK_OPTIONS: Omit<TrackOptions, 'frameCount'> = {
  minIou: 0.1,
  maxCentreDistance: 1.5,
  maxSizeRatio: 4,
  maxGapFrames: 15,
  marginFrames: 8,
  interpolationPad: 0.1,
  marginGrowthPerFrame: 0.02,
};

interface Motion {
  /** Per-frame change of the centre and the size. */
  readonly dx: number;
  readonly dy: number;
  readonly dw: number;
  readonly dh: number;
}

const STILL: Motion = { dx: 0, dy: 0, dw: 0, dh: 0 };

function centre(box: Box): { x: number; y: number } {
  return { x: box.x + box.w / 2, y: box.y + box.h / 2 };
}

/** Frames a motion estimate spans at least (when the track is that long): the detector's jitter averages out. */
const MOTION_SPAN = 6;

/** Motion up to the observation before `end` (the last by default), over at least MOTION_SPAN frames when it can. */
function motionOf(observations: readonly TrackObservation[], end = observations.length): Motion {
  if (end < 2) return STILL;
  const b = observations[end - 1]!;
  let from = end - 2;
  while (from > 0 && b.frame - observations[from]!.frame < MOTION_SPAN) from -= 1;
  const a = observations[from]!;
  return motionBetween(a, b);
}

/** Per-frame change from observation `a` to the later observation `b` (still when they share a frame). */
function motionBetween(a: TrackObservation, b: TrackObservation): Motion {
  const frames = b.frame - a.frame;
  if (frames <= 0) return STILL;
  const ca = centre(a.box);
  const cb = centre(b.box);
  return {
    dx: (cb.x - ca.x) / frames,
    dy: (cb.y - ca.y) / frames,
    dw: (b.box.w - a.box.w) / frames,
    dh: (b.box.h - a.box.h) / frames,
  };
}

/** Whether observation i + 1 lies farther than `share` of its box's larger side from where i's motion takes it. */
function jumped(observations: readonly TrackObservation[], i: number, share: number): boolean {
  const a = observations[i]!;
  const b = observations[i + 1]!;
  const predicted = centre(moved(a.box, motionOf(observations, i + 1), b.frame - a.frame));
  const found = centre(b.box);
  return Math.hypot(found.x - predicted.x, found.y - predicted.y) > share * Math.max(b.box.w, b.box.h);
}

/** Motion from the first observation over at least MOTION_SPAN frames when the track is that long. */
function motionFrom(observations: readonly TrackObservation[]): Motion {
  if (observations.length < 2) return STILL;
  const a = observations[0]!;
  let to = 1;
  while (to < observations.length - 1 && observations[to]!.frame - a.frame < MOTION_SPAN) to += 1;
  const b = observations[to]!;
  return motionBetween(a, b);
}

/** The box `frames` frames after `box` at constant motion (negative: before); never smaller than a sliver. */
function moved(box: Box, motion: Motion, frames: number): Box {
  const c = centre(box);
  const w = Math.max(box.w * 0.25, box.w + motion.dw * frames);
  const h = Math.max(box.h * 0.25, box.h + motion.dh * frames);
  return { x: c.x + motion.dx * frames - w / 2, y: c.y + motion.dy * frames - h / 2, w, h };
}

function union(a: Box, b: Box): Box {
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return { x, y, w: Math.max(a.x + a.w, b.x + b.w) - x, h: Math.max(a.y + a.h, b.y + b.h) - y };
}

function pad(box: Box, share: number): Box {
  return { x: box.x - box.w * share, y: box.y - box.h * share, w: box.w * (1 + 2 * share), h: box.h * (1 + 2 * share) };
}

function lerp(a: Box, b: Box, t: number): Box {
  return { x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t, w: a.w + (b.w - a.w) * t, h: a.h + (b.h - a.h) * t };
}

/** How well a detection continues a track (lower is better), or null when it cannot. */
function matchCost(predicted: Box, detection: Box, options: TrackOptions): number | null {
  const overlap = iou(predicted, detection);
  const pc = centre(predicted);
  const dc = centre(detection);
  const distance = Math.hypot(pc.x - dc.x, pc.y - dc.y) / Math.max(predicted.w, predicted.h, 1e-6);
  const areaRatio = (detection.w * detection.h) / Math.max(predicted.w * predicted.h, 1e-12);
  if (areaRatio > options.maxSizeRatio || areaRatio < 1 / options.maxSizeRatio) return null;
  if (overlap < options.minIou && distance > options.maxCentreDistance) return null;
  return 1 - overlap + distance;
}

interface OpenTrack {
  readonly id: number;
  readonly observations: TrackObservation[];
}

/**
 * Links detections into tracks. Each frame's detections are matched to the open tracks' predicted boxes, best
 * pairs first (greedy on cost: overlap and centre distance to the prediction); a detection left over starts a new
 * track; a track unseen for more than maxGapFrames is closed. Two boxes crossing keep their tracks as long as
 * their motion does; a person who leaves the frame for longer than the gap comes back as a new track (linking
 * them again is the review's job, by a person — never by the face).
 */
export function buildTracks(frames: readonly FrameDetections[], options: TrackOptions): Track[] {
  const sorted = [...frames].sort((a, b) => a.frame - b.frame);
  const open: OpenTrack[] = [];
  const closed: OpenTrack[] = [];
  let nextId = 1;
  for (const { frame, boxes } of sorted) {
    for (let i = open.length - 1; i >= 0; i -= 1) {
      const last = open[i]!.observations.at(-1)!;
      if (frame - last.frame > options.maxGapFrames + 1) closed.push(...open.splice(i, 1));
    }
    const pairs: Array<{ track: number; detection: number; cost: number }> = [];
    open.forEach((track, t) => {
      const last = track.observations.at(-1)!;
      if (last.frame >= frame) return;
      // Where the motion takes the box; its size stays (the detector's size jitter, carried over a gap, would
      // shrink or blow up the prediction until the same face no longer fits it).
      const motion = motionOf(track.observations);
      const predicted = moved(last.box, { ...motion, dw: 0, dh: 0 }, frame - last.frame);
      boxes.forEach((box, d) => {
        const cost = matchCost(predicted, box, options);
        if (cost !== null) pairs.push({ track: t, detection: d, cost });
      });
    });
    pairs.sort((a, b) => a.cost - b.cost || a.track - b.track || a.detection - b.detection);
    const usedTracks = new Set<number>();
    const usedDetections = new Set<number>();
    for (const pair of pairs) {
      if (usedTracks.has(pair.track) || usedDetections.has(pair.detection)) continue;
      usedTracks.add(pair.track);
      usedDetections.add(pair.detection);
      open[pair.track]!.observations.push({ frame, box: boxes[pair.detection]! });
    }
    boxes.forEach((box, d) => {
      if (!usedDetections.has(d)) open.push({ id: nextId++, observations: [{ frame, box }] });
    });
  }
  return [...closed, ...open]
    .map((track) => ({ id: track.id, observations: track.observations }))
    .sort((a, b) => a.id - b.id);
}

/**
 * Splits a track where two people crossed and the tracker swapped them: observations before `atFrame` stay with
 * the track, the rest become a new track with `newId`. Returns both (the second null when nothing is at or after).
 */
export function splitTrack(track: Track, atFrame: number, newId: number): [Track, Track | null] {
  const before = track.observations.filter((observation) => observation.frame < atFrame);
  const after = track.observations.filter((observation) => observation.frame >= atFrame);
  if (before.length === 0) return [{ id: track.id, observations: after }, null];
  return [{ id: track.id, observations: before }, after.length > 0 ? { id: newId, observations: after } : null];
}

/**
 * One box for every frame of the track and its margins: observed boxes as found, the frames between two
 * observations interpolated and padded, and marginFrames before and after where the box follows the motion and
 * keeps everything it covered before (so it grows in the direction of motion), clamped to the picture and the clip.
 */
export function trackBoxes(track: Track, options: TrackOptions): TrackBox[] {
  const observations = track.observations;
  if (observations.length === 0) return [];
  const boxes: TrackBox[] = [];
  const last = options.frameCount - 1;
  const add = (frame: number, box: Box, kind: TrackBoxKind) => {
    if (frame < 0 || frame > last) return;
    const clamped = clampBox(box);
    if (clamped.w > 0 && clamped.h > 0) boxes.push({ frame, box: clamped, kind });
  };
  const detectionPad = options.detectionPad ?? 0;
  // At a jump (see jumpShare) only the plain margins: an edge hold there is for the tracker's guess, not a face seen
  // standing at the edge.
  const before = (part: readonly TrackObservation[], hold = true) => {
    const first = part[0]!;
    const early = motionOf(part, Math.min(2, part.length));
    const backwards: Motion = { dx: -early.dx, dy: -early.dy, dw: -early.dw, dh: -early.dh };
    const entry = motionFrom(part);
    const fromOutside: Motion = { dx: -entry.dx, dy: -entry.dy, dw: 0, dh: 0 };
    for (let step = marginLength(first.box, detectionPad, fromOutside, options, hold); step >= 1; step -= 1) {
      const toward = Math.min(step, options.marginFrames);
      add(first.frame - step, marginBox(pad(first.box, detectionPad), backwards, toward, options), 'margin');
    }
  };
  const after = (part: readonly TrackObservation[], hold = true) => {
    const end = part.at(-1)!;
    const forwards = motionOf(part);
    const length = marginLength(end.box, detectionPad, forwards, options, hold);
    for (let step = 1; step <= length; step += 1) {
      const toward = Math.min(step, options.marginFrames);
      add(end.frame + step, marginBox(pad(end.box, detectionPad), forwards, toward, options), 'margin');
    }
  };
  before(observations);
  observations.forEach((observation, i) => {
    add(observation.frame, pad(observation.box, detectionPad), 'detected');
    const next = observations[i + 1];
    if (!next) return;
    for (let frame = observation.frame + 1; frame < next.frame; frame += 1) {
      const t = (frame - observation.frame) / (next.frame - observation.frame);
      add(
        frame,
        pad(lerp(observation.box, next.box, t), Math.max(options.interpolationPad, detectionPad)),
        'interpolated',
      );
    }
    if (options.jumpShare !== undefined && jumped(observations, i, options.jumpShare)) {
      after(observations.slice(0, i + 1), false);
      before(observations.slice(i + 1), false);
    }
  });
  after(observations);
  return boxes;
}

/**
 * Frames of margin at an end of a track whose box there is `box` (as found), moving on by `motion` per frame:
 * marginFrames, or near the picture's edge twice the frames the motion takes the box out of the picture past that
 * edge (a face slows down as it stops at the edge), at least marginFrames and at most edgeHoldFrames — all of them
 * when the motion does not take it out. Without `edgeHold`, marginFrames.
 */
function marginLength(
  box: Box,
  detectionPad: number,
  motion: Motion,
  options: TrackOptions,
  edgeHold: boolean,
): number {
  const hold = edgeHold ? (options.edgeHoldFrames ?? 0) : 0;
  const edges = nearEdge(box, options.marginToEdge ?? 0);
  if (hold <= options.marginFrames || edges.length === 0) return options.marginFrames;
  const padded = pad(box, detectionPad);
  const out = Math.min(...edges.map((edge) => framesOut(padded, motion, edge)));
  return Math.max(options.marginFrames, Math.min(hold, Math.ceil(EXIT_FACTOR * out)));
}

/** The edge hold lasts this many times the frames the motion takes the box out (see marginLength). */
const EXIT_FACTOR = 2;

/** Frames until the box, moving by `motion`, lies wholly past `edge` (Infinity when it does not move that way). */
function framesOut(box: Box, motion: Motion, edge: Edge): number {
  const towards = (distance: number, speed: number) => (speed > 1e-9 ? distance / speed : Infinity);
  if (edge === 'left') return towards(box.x + box.w, -motion.dx);
  if (edge === 'right') return towards(1 - box.x, motion.dx);
  if (edge === 'top') return towards(box.y + box.h, -motion.dy);
  return towards(1 - box.y, motion.dy);
}

type Edge = 'left' | 'right' | 'top' | 'bottom';

/** The picture's edges the box lies within `near` of its own sizes of (none when `near` is 0). */
function nearEdge(box: Box, near: number): Edge[] {
  if (!(near > 0)) return [];
  const edges: Edge[] = [];
  if (box.x < box.w * near) edges.push('left');
  if (box.x + box.w > 1 - box.w * near) edges.push('right');
  if (box.y < box.h * near) edges.push('top');
  if (box.y + box.h > 1 - box.h * near) edges.push('bottom');
  return edges;
}

/**
 * The box `steps` frames beyond an end of the track: where the motion takes it, joined with where it was. A box
 * within its own size of the picture's edge also reaches that edge: a face is found only once it is mostly in the
 * picture, so before its first (or after its last) detection it may still be partly outside, on that edge.
 */
function marginBox(box: Box, motion: Motion, steps: number, options: TrackOptions): Box {
  let grown = pad(union(box, moved(box, motion, steps)), options.marginGrowthPerFrame * steps);
  for (const edge of nearEdge(box, options.marginToEdge ?? 0)) {
    if (edge === 'left') grown = union(grown, { ...grown, x: 0, w: 0 });
    if (edge === 'right') grown = union(grown, { ...grown, x: 1, w: 0 });
    if (edge === 'top') grown = union(grown, { ...grown, y: 0, h: 0 });
    if (edge === 'bottom') grown = union(grown, { ...grown, y: 1, h: 0 });
  }
  return grown;
}
