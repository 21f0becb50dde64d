// Global mocha setup, loaded once before every test file (see .mocharc.json).
// Pulumi mocks are installed here, once, by the components tests' helper (test/pulumiMocks.ts).
export {};
