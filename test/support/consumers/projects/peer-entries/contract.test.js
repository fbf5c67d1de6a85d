// Run by this project's own vitest: the matchers and the arbitraries, each with the peer it needs.
import { createRequire } from "node:module";
import fc from "fast-check";
import { examples } from "matrix-sync-contract";
import { arbitraries } from "matrix-sync-contract/testing";
import "matrix-sync-contract/vitest";
import { expect, test } from "vitest";

test("the matchers accept the bundled example", () => {
  expect(examples.SyncResponse).toBeValidSyncResponse();
  expect(examples.JoinedRoom).toSatisfyContract("JoinedRoom");
});

test("the matchers reject a broken copy, naming the pointer", () => {
  const broken = structuredClone(examples.SyncResponse);
  broken.rooms.joined["!726s6s6q:example.com"].timeline.limited = "yes";
  expect(() => expect(broken).toBeValidSyncResponse()).toThrow(
    "/rooms/joined/!726s6s6q:example.com/timeline/limited: must be boolean (schema:type)",
  );
});

test("the arbitraries generate responses that satisfy the contract", () => {
  fc.assert(
    fc.property(arbitraries.SyncResponse(), (response) => {
      expect(response).toBeValidSyncResponse();
    }),
    { numRuns: 20 },
  );
});

test("the arbitraries work through require too", () => {
  const require = createRequire(import.meta.url);
  const { arbitraries: required } = require("matrix-sync-contract/testing");
  const { checkSyncResponse } = require("matrix-sync-contract");
  const [response] = require("fast-check").sample(required.SyncResponse(), { numRuns: 1, seed: 1 });
  expect(checkSyncResponse(response).valid).toBe(true);
});
