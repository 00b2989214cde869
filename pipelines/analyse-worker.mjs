// Entry of an analysis worker thread. Workers do not inherit the module hooks that let the main
// thread import TypeScript, so tsx is registered here (as bin/oversight.mjs does) before the
// worker's TypeScript module is loaded.
import { register } from 'tsx/esm/api';

register();
await import('./analyse-worker.ts');
