#!/usr/bin/env node
// The `steppingstones` command. The sources are TypeScript; tsx compiles them on the fly, so the command
// works straight after `npm install`, with nothing to build first.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/main.ts');
await runCli(process.argv);
