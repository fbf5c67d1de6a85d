// The matchers registered for every test file by a setup file, which the test files do not import.
export default { test: { setupFiles: ["./setup.js"], include: ["*.test.ts"] } };
