/** Tests run real Temporal servers: one file at a time per core, generous hook timeouts. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest'] },
  maxWorkers: 2,
  testTimeout: 60_000,
  setupFiles: ['<rootDir>/test/support/quiet-logs.ts'],
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
};
