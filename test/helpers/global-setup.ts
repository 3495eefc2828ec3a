// Builds the renderer once for the UI tests, the same way `electron-vite build` does, into test-results/.
import path from 'node:path';
import { build, type InlineConfig } from 'vite';
import config from '../../electron.vite.config';

export const RENDERER_TEST_BUILD = path.resolve('test-results/renderer-build');

export default async function setup(): Promise<void> {
  const renderer = (config as { renderer?: InlineConfig }).renderer;
  if (!renderer) throw new Error('electron.vite.config.ts has no renderer section');
  await build({
    ...renderer,
    configFile: false,
    base: './',
    logLevel: 'warn',
    build: { ...renderer.build, outDir: RENDERER_TEST_BUILD, emptyOutDir: true },
  });
}
