#!/usr/bin/env node
// Runs the TypeScript sources directly: no build step, so a clone is ready after `npm install`.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
