// A worker's entry when Fotowacht runs from source (see index.ts): TypeScript through tsx, then the worker itself.
import process from 'node:process';
import { register } from 'tsx/esm/api';

const [file] = process.argv.splice(2, 1);
register();
await import(file);
