#!/usr/bin/env node
/** CLI entry: argv -> cli/main.ts -> exit code. The only place the project calls process.exit. */
import { main } from './cli/main.js';

const code = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: { ...process.env },
  cwd: process.cwd(),
});
// Pipes are asynchronous on some platforms: let both streams drain so a piped plan is complete.
await Promise.all([process.stdout, process.stderr].map((s) => new Promise((done) => s.write('', done))));
// Exit explicitly: a keep-alive socket or a pending timer must not hold a finished CLI open.
process.exit(code);
