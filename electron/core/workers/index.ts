// Worker threads: starting one from its TypeScript source in every way Fotowacht runs, and a pool of them.
export { errorText, startWorker, type WorkerFactory, type WorkerSource } from './start';
export {
  fromFailure,
  serveRequests,
  toFailure,
  WorkerPool,
  type PoolMessage,
  type PoolReply,
  type WorkerFailure,
} from './pool';
