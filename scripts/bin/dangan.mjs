#!/usr/bin/env node
// The `dangan` command. The CLI is TypeScript; tsx compiles it on the fly so the
// command works straight after `npm install`, with no separate build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
