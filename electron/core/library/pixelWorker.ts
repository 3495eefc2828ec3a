// The pixel thread (started by pixels.ts): reads and hashes photo files, decodes them once, and makes what indexing
// and the face search need. A file read for indexing stays here, by token, until it is finished (its pixels until
// they are searched) or dropped.
import { releaseFaceDetectors } from '../faces';
import { serveRequests } from '../workers';
import { releaseDecoders } from './decode';
import type { DecodedPhoto } from './decode';
import { detectPhotoFile, photoWork, readPhotoFile, searchPhoto, type PixelReply, type PixelRequest } from './pixels';

const files = new Map<number, Buffer>();
const pixelsOf = new Map<number, DecodedPhoto>();
const running = new Map<number, AbortController>();

async function withAbort<T>(token: number, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  running.set(token, controller);
  try {
    return await work(controller.signal);
  } finally {
    running.delete(token);
  }
}

serveRequests<PixelRequest, PixelReply>(async (request) => {
  switch (request.kind) {
    case 'read': {
      const { buffer, hash } = await readPhotoFile(request.file, request.name);
      files.set(request.token, buffer);
      return { value: { hash } };
    }
    case 'finish': {
      const buffer = files.get(request.token);
      files.delete(request.token);
      if (!buffer) throw new Error(`no file read for token ${request.token}`);
      const { work, pixels } = await photoWork(buffer, request.name, request.needs);
      if (pixels) pixelsOf.set(request.token, pixels);
      return { value: work };
    }
    case 'search': {
      const pixels = pixelsOf.get(request.token);
      pixelsOf.delete(request.token);
      if (!pixels) throw new Error(`no pixels kept for token ${request.token}`);
      return {
        value: await withAbort(request.token, (signal) => searchPhoto(pixels, request.name, request.faces, signal)),
      };
    }
    case 'detect':
      return {
        value: await withAbort(request.token, (signal) =>
          detectPhotoFile(request.files, request.hash, request.faces, signal),
        ),
      };
    case 'drop':
      files.delete(request.token);
      pixelsOf.delete(request.token);
      return { value: null };
    case 'abort':
      running.get(request.token)?.abort();
      return { value: null };
    case 'close':
      // Inference threads end by themselves (terminating one inside onnxruntime can abort the process).
      await Promise.all([releaseFaceDetectors(), releaseDecoders()]);
      return { value: null };
  }
});
