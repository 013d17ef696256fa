/** @type {import('jest').Config} */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', tsx: true },
      transform: { react: { runtime: 'automatic' } },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

module.exports = {
  testEnvironment: 'node',
  testMatch: ['<rootDir>/tests/**/*.test.ts', '<rootDir>/tests/**/*.test.tsx'],
  transform: { '^.+\\.(t|j|mj)sx?$': swc },
  // jose 6 ships ESM only; jest's module system needs it transformed to CommonJS.
  transformIgnorePatterns: ['/node_modules/(?!(jose)/)'],
  moduleNameMapper: {
    // office-addin-mock 4 imports office-addin-manifest only for its OfficeApp enum; the real package
    // pulls in a web-service client that does not load under jest on Node 20.
    '^office-addin-manifest$': '<rootDir>/tests/setup/office-addin-manifest-shim.ts',
  },
  globalSetup: '<rootDir>/tests/setup/global-setup.ts',
  globalTeardown: '<rootDir>/tests/setup/global-teardown.ts',
  testTimeout: 30000,
  maxWorkers: 2,
};
