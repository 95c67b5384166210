import { run } from './action.js';
import { holdYoungGeneration } from './common/young-generation.js';

holdYoungGeneration();
await run();
