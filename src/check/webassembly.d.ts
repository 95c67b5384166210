/**
 * The part of the WebAssembly JS API that check/shell.ts uses. Node has the API, but its type
 * declarations live in TypeScript's DOM library, which this Node-only project does not load.
 */
declare namespace WebAssembly {
  type ImportValue = unknown;
  type Imports = Record<string, Record<string, ImportValue>>;
  type BufferSource = ArrayBufferView | ArrayBuffer;
  class Module {
    constructor(bytes: BufferSource);
  }
  class Instance {
    readonly exports: Record<string, unknown>;
  }
  function compile(bytes: BufferSource): Promise<Module>;
  function instantiate(module: Module, imports?: Imports): Promise<Instance>;
}
