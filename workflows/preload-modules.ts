/**
 * The modules every worker context evaluates once and shares between its workflows (the SDK's
 * `preloadModules`): the one list the worker, the tests and the benchmarks bundle with. Not workflow
 * code: it is read when the bundle is built. See ./preload.ts for what may be listed and why.
 */
export const PRELOAD_MODULES: string[] = [require.resolve('./preload')];
