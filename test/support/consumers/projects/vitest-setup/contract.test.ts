// Uses the matchers without importing their entry: setup.js registers them, matchers.d.ts types them.
import { examples } from "matrix-sync-contract";
import { expect, test } from "vitest";

test("the matchers registered by setupFiles accept the example", () => {
  expect(examples.SyncResponse).toBeValidSyncResponse();
  expect(examples.Event).toSatisfyContract("Event", { strict: true, maxIssues: undefined });
});

test("the matchers registered by setupFiles reject a broken value", () => {
  expect({ next_batch: 5 }).not.toBeValidSyncResponse();
});
