/** Tests run real Temporal servers: one file at a time per core, generous hook timeouts. */
module.exports = {
  testEnvironment: 'node',
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
