import { setFlagsFromString } from 'node:v8';

/**
 * Imported first by the node's entry points, before any WebAssembly is compiled.
 *
 * Only V8's baseline compiler (Liftoff) for WebAssembly: Prisma's query compiler is a 1.9 MB
 * WebAssembly module, and the optimizing tier compiled it in background threads at the first Prisma
 * query, which took about 40 MiB of memory at once (peak RSS in the federation bench 195 MiB, 156
 * with this). Its code is not on the per-message path (direct SQL is), and the bench shows no more
 * CPU per message. The other WebAssembly in the node, undici's HTTP parser, is small.
 */
setFlagsFromString('--liftoff-only');
