/**
 * The shell parser's WebAssembly module, read and compiled once per process. The .wasm file ships
 * inside dist/: ncc copies the file named by the `new URL(…, import.meta.url)` below next to the
 * bundle. Only the main thread reads it; worker threads receive the compiled module with their
 * jobs (src/check/shell-batch.ts), so dist/worker/ needs no copy of its own.
 */
import { readFile } from 'node:fs/promises';
import type { ShellParser } from './shell.js';

let parser: Promise<ShellParser> | undefined;

/**
 * The compiled parser; rejects when the bundled file cannot be read or compiled. The compiling
 * is V8's asynchronous kind, on a background thread: the content check starts it before the
 * definitions are loaded (a synchronous compile cost this thread about 16 ms of a cold start).
 */
export function compileShellParser(): Promise<ShellParser> {
  if (parser === undefined) {
    const wasm = readFile(new URL('../../node_modules/sh-syntax/main.wasm', import.meta.url));
    parser = wasm.then((bytes) => WebAssembly.compile(bytes));
    // Whoever needs it awaits it and handles a failure; starting it early must not be an error.
    parser.catch(() => undefined);
  }
  return parser;
}
