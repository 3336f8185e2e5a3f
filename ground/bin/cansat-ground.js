#!/usr/bin/env node
// The ground station is TypeScript run by tsx.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
