#!/usr/bin/env node
// The SQLite driver (better-sqlite3-multiple-ciphers: better-sqlite3 with encryption) is built for Node's ABI (tests, CLI). Electron runs its own ABI, so before `npm start` this builds
// a second copy for Electron into node_modules/.fotowacht-native/, leaving the Node build in place.
// First it tries the prebuilt binary for Electron (prebuild-install); if that fails, it compiles against Electron's headers.
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const modules = path.join(root, 'node_modules');
const electronVersion = JSON.parse(readFileSync(path.join(modules, 'electron', 'package.json'), 'utf8')).version;
const target = path.join(
  modules,
  '.fotowacht-native',
  `electron-${electronVersion}-${process.arch}`,
  'better_sqlite3_mc.node',
);

if (existsSync(target)) process.exit(0);

console.error(`Fotowacht: building the SQLite driver for Electron ${electronVersion} (once)…`);
const work = mkdtempSync(path.join(tmpdir(), 'fotowacht-native-'));
const copy = path.join(work, 'better-sqlite3-multiple-ciphers');
try {
  cpSync(path.join(modules, 'better-sqlite3-multiple-ciphers'), copy, {
    recursive: true,
    filter: (src) => !src.includes(`${path.sep}build${path.sep}`),
  });
  const run = (command, args) =>
    spawnSync(command, args, {
      cwd: copy,
      stdio: 'inherit',
      env: { ...process.env, npm_config_runtime: 'electron', npm_config_target: electronVersion },
    }).status === 0;
  const prebuilt = run(process.execPath, [
    path.join(modules, 'prebuild-install', 'bin.js'),
    '--runtime',
    'electron',
    '--target',
    electronVersion,
    '--arch',
    process.arch,
  ]);
  const nodeGyp = process.env.npm_config_node_gyp;
  const built =
    prebuilt ||
    (nodeGyp &&
      run(process.execPath, [
        nodeGyp,
        'rebuild',
        '--release',
        `--target=${electronVersion}`,
        `--arch=${process.arch}`,
        '--dist-url=https://electronjs.org/headers',
      ]));
  const output = path.join(copy, 'build', 'Release', 'better_sqlite3.node');
  if (!built || !existsSync(output)) {
    console.error(
      'Fotowacht: could not build the SQLite driver for Electron. The CLI and tests still work; see the README.',
    );
    process.exit(1);
  }
  mkdirSync(path.dirname(target), { recursive: true });
  copyFileSync(output, target);
  console.error(`Fotowacht: ready (${path.relative(root, target)}).`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
