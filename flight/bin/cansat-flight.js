#!/usr/bin/env node
// The flight program is TypeScript run by tsx, so what runs on the CanSat is exactly what was tested.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
