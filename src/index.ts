import { run } from './action.js';
import { holdYoungGeneration } from './common/young-generation.js';
import { exitWhenFlushed } from './exit.js';

holdYoungGeneration();
await run();
await exitWhenFlushed();
