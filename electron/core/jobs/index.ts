// The job runner's public face: long work with progress, cancel and per-item outcomes.
export * from './runner';
