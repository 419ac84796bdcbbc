#!/usr/bin/env node
// The `quire` executable. Quire runs its TypeScript sources directly through tsx's
// loader, so `npm ci` is all the setup there is: no build step, no stale dist/.
import { register } from 'tsx/esm/api';

register();
await import('./cli.ts');
