// The pixel thread (started by pixels.ts): reads and hashes photo files, decodes them once, and makes what indexing
// and the face search need. A file read for indexing stays here, by token, until it is finished or dropped.
import { releaseFaceDetectors } from '../faces';
import { serveRequests } from '../workers';
import { releaseDecoders } from './decode';
import { detectPhotoFile, photoWork, readPhotoFile, type PixelReply, type PixelRequest } from './pixels';

const files = new Map<number, Buffer>();
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
      return {
        value: await withAbort(request.token, (signal) => photoWork(buffer, request.name, request.needs, signal)),
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
