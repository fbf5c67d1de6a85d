// What makes the matchers' types known where the setup file is not part of the TypeScript project.
/// <reference types="matrix-sync-contract/vitest" />
