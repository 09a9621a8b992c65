/**
 * `npm run test:cluster`: the suites that prove the dev server path, again on a Temporal cluster on
 * PostgreSQL (scripts/cluster-lib.ts, started once by test-cluster/global-setup.ts, each test file
 * in a namespace of its own), and the cluster's own suites in test-cluster/: workers in their own
 * processes killed while they hold cases, the server restarted mid-run.
 */
const base = require('./jest.config.js');

module.exports = {
  ...base,
  roots: ['<rootDir>/test', '<rootDir>/test-cluster'],
  testMatch: [
    '<rootDir>/test-cluster/**/*.test.ts',
    '<rootDir>/test/e2e/worker-restart.test.ts',
    '<rootDir>/test/operators/operators.test.ts',
    '<rootDir>/test/http/api.test.ts',
  ],
  globalSetup: '<rootDir>/test-cluster/global-setup.ts',
  globalTeardown: '<rootDir>/test-cluster/global-teardown.ts',
  setupFiles: [...base.setupFiles, '<rootDir>/test-cluster/namespace.ts'],
  testTimeout: 120_000,
};
