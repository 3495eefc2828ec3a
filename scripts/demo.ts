// npm run demo: a fresh data folder in a temp directory, driven through the CLI step by step,
// so a newcomer sees what Fotowacht does and where the results are. Each step is a real CLI call.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const demoDir = mkdtempSync(path.join(tmpdir(), 'fotowacht-demo-'));
const dataDir = path.join(demoDir, 'data');

function step(title: string, args: readonly string[]): void {
  console.log(`\n→ ${title}: fotowacht ${args.join(' ')}`);
  const result = spawnSync(process.execPath, [path.join(root, 'bin/fotowacht.js'), '--data-dir', dataDir, ...args], {
    stdio: 'inherit',
  });
  if (result.status !== 0) {
    console.error(`The demo stopped: "${title}" failed (exit code ${result.status}).`);
    process.exit(result.status ?? 1);
  }
}

console.log(`Fotowacht demo in ${demoDir}`);
step('check the installation', ['doctor']);
step('verify the audit trail', ['audit', 'verify']);
console.log(`\nDone. Data folder: ${dataDir}`);
