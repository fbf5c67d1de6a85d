import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The consumer projects there are run from the packed tarball by test/consumers.test.ts, not here.
    exclude: ["test/support/**", "**/node_modules/**"],
    typecheck: { enabled: true, include: ["test/**/*.test-d.ts"], tsconfig: "./tsconfig.json" },
    testTimeout: 60_000,
  },
});
