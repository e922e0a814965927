// `npm run test:services`: the end-to-end suites again, on the real services of the machine
// (PostgreSQL 127.0.0.1:5432, MariaDB 127.0.0.1:3306, Redis 127.0.0.1:6379). The global setup
// checks they answer: under CI=true a missing service fails the run, elsewhere it is reported
// and left out.
// Suites that need a service (Redis) are *.services-spec.ts: they run here, never in `npm test`.
const e2e = require('../jest.config.js').projects.find((project) => project.displayName === 'e2e');

/** @type {import('jest').Config} */
module.exports = {
  ...e2e,
  displayName: 'services',
  testTimeout: 60000,
  testMatch: ['<rootDir>/test/**/*.e2e-spec.ts', '<rootDir>/test/**/*.services-spec.ts'],
  globalSetup: '<rootDir>/test/utils/services.global-setup.ts',
};
