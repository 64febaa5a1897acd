/** Jest projects: fast pure unit tests, and e2e/medium tests that boot embedded ClickHouse. */
const fs = require('node:fs');
const swcConfig = JSON.parse(fs.readFileSync(`${__dirname}/.swcrc`, 'utf8'));
delete swcConfig.$schema;
const transform = {
  '^.+\\.ts$': ['@swc/jest', { ...swcConfig, swcrc: false }],
  // ESM-only dependencies that Node itself loads with require(esm), but jest cannot.
  '^.+/node_modules/content-disposition/.+\\.js$': ['@swc/jest', { ...swcConfig, swcrc: false }],
};
const esmOnlyDependencies = ['content-disposition'];
const common = {
  transform,
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'json'],
  rootDir: __dirname,
  transformIgnorePatterns: [`^(?!.*/node_modules/(${esmOnlyDependencies.join('|')})/).*/node_modules/`],
};

module.exports = {
  testTimeout: 60000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.spec.ts'] },
    // Real components (repositories on embedded chDB, the worker pool), one at a time.
    { ...common, displayName: 'medium', testMatch: ['<rootDir>/test/medium/**/*.spec.ts'], testTimeout: 120000 },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'], testTimeout: 120000 },
  ],
};
