// The app version, from package.json at build time (Vite define) or at run time (CLI, tests).
import { createRequire } from 'node:module';

declare const __FOTOWACHT_VERSION__: string | undefined;

export function appVersion(): string {
  if (typeof __FOTOWACHT_VERSION__ === 'string') return __FOTOWACHT_VERSION__;
  const require = createRequire(import.meta.url);
  return (require('../../package.json') as { version: string }).version;
}
