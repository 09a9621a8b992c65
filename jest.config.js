/**
 * Tests run real Temporal servers: one file at a time per core, generous hook timeouts. A passing run
 * prints one line per file and the summary: logs are kept and shown for a failing test only
 * (test/support/log-environment.js).
 */
module.exports = {
  testEnvironment: '<rootDir>/test/support/log-environment.js',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest'], '^.+\\.js$': ['@swc/jest', { module: { type: 'commonjs' } }] },
  // Packages that ship only as ES modules (required by Fastify's plugins), which jest on Node 20 cannot load untransformed.
  transformIgnorePatterns: ['/node_modules/(?!(content-disposition|cookie)/)'],
  maxWorkers: 2,
  testTimeout: 60_000,
  setupFiles: ['<rootDir>/test/support/quiet-logs.ts'],
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
};
