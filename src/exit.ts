/**
 * How both entry files end the process: once stdout and stderr have taken everything written to
 * them (pipes are asynchronous on some platforms, so a piped plan or log would be cut short
 * otherwise), `process.exit`. Nothing the run started is still pending when they call it; exiting
 * explicitly keeps a keep-alive socket or a timer from holding a finished run open, and spares the
 * action the teardown of its heap (about 3 ms at the end of a plan of 1,000 scripts).
 */
export async function exitWhenFlushed(code?: number): Promise<never> {
  await Promise.all(
    [process.stdout, process.stderr].map((stream) => new Promise((done) => stream.write('', done))),
  );
  // Without a code, the exit code the run set (core.setFailed sets process.exitCode); an explicit
  // `process.exit(undefined)` would exit 0 instead.
  if (code === undefined) process.exit();
  process.exit(code);
}
