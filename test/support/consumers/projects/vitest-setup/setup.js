import "matrix-sync-contract/vitest";
