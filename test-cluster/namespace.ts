/**
 * Each test file works in a namespace of its own on the shared cluster, so listing by state or
 * jurisdiction sees that file's cases only, as on a dev server of its own. The file's clients, its
 * CLI runs and the worker processes it starts all take it from TEMPORAL_NAMESPACE (jest gives every
 * file its own copy of the environment); test/support/temporal.ts creates it.
 */
process.env.TEMPORAL_NAMESPACE = `test-${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
