// The HEIC decoder's worker thread (started by decode.ts): libheif in WebAssembly decodes synchronously (about
// 1.5 s for a 12 MP iPhone photo), so it runs here and the event loop of the app's main process stays free.
import { parentPort, workerData } from 'node:worker_threads';
import decode, { type HeifImages } from 'heic-decode';
import { errorText } from '../workers';

export interface HeicWorkerData {
  /** Larger images are answered with `tooLarge` and their size, without decoding their pixels. */
  readonly maxPixels: number;
}

export interface HeicRequest {
  readonly id: number;
  readonly buffer: Uint8Array;
}

export interface HeicReply {
  readonly id: number;
  readonly width?: number;
  readonly height?: number;
  /** RGBA pixels (transferred). */
  readonly data?: Uint8ClampedArray;
  readonly tooLarge?: boolean;
  readonly error?: string;
}

if (!parentPort) throw new Error('heicWorker.ts runs only as a worker thread');
// libheif prints parse failures itself (console.log); the failure reaches the caller as an error code, so the
// worker's output is dropped here, where it is made. (Reading it in the parent instead, with the Worker option
// `stdout: true`, would keep the process alive for as long as the worker lives.)
for (const stream of [process.stdout, process.stderr]) stream.write = () => true;
const port = parentPort;
const { maxPixels } = workerData as HeicWorkerData;

function reply(message: HeicReply, transfer: ArrayBuffer[] = []): void {
  port.postMessage(message, transfer);
}

port.on('message', async ({ id, buffer }: HeicRequest) => {
  let images: HeifImages | undefined;
  try {
    images = await decode.all({ buffer: new Uint8Array(buffer) });
    const primary = images[0];
    if (!primary) throw new Error('no image in the file');
    if (primary.width * primary.height > maxPixels) {
      reply({ id, tooLarge: true, width: primary.width, height: primary.height });
      return;
    }
    const { data } = await primary.decode();
    reply({ id, width: primary.width, height: primary.height, data }, [data.buffer as ArrayBuffer]);
  } catch (error) {
    reply({ id, error: errorText(error) });
  } finally {
    images?.dispose();
  }
});
