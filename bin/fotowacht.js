#!/usr/bin/env node
// The fotowacht command: runs the CLI from its TypeScript source (through tsx), so it is always this checkout's code.
import { register } from 'tsx/esm/api';

register();
await import('../electron/cli/main.ts');
