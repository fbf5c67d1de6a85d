/**
 * An option given as `undefined` is an option not given, as the public types say under
 * `exactOptionalPropertyTypes` (test/support/consumers/projects/typescript/exact-optional.ts holds the
 * types to it from the tarball).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildSyncUrl, checkSyncResponse, checkTimeline } from "../src/index.js";
import { arbitraryFor } from "../src/testing/index.js";

describe("options given as undefined keep their defaults", () => {
  it("buildSyncUrl leaves out a parameter that is undefined, and an access token that is", () => {
    const since: string | undefined = undefined;
    expect(buildSyncUrl("https://matrix.example.org", { since, timeout: 0 }, { accessToken: undefined })).toBe(
      "https://matrix.example.org/_matrix/client/v2_alpha/sync?timeout=0",
    );
  });

  it("a check's rule level, strict and maxIssues", () => {
    const timeline = { events: [], limited: true };
    const warned = {
      valid: true,
      value: timeline,
      issues: [
        {
          pointer: "",
          message: "a limited timeline has no prev_batch to fetch the earlier events with",
          rule: "limited-prev-batch",
          severity: "warning",
        },
      ],
      truncated: false,
    };
    expect(checkTimeline(timeline, { rules: { "limited-prev-batch": undefined }, strict: undefined, maxIssues: undefined })).toEqual(
      warned,
    );
    expect(checkSyncResponse({ next_batch: 5 }, { maxIssues: undefined }).issues).toHaveLength(1);
  });

  it("the arbitraries' limits", () => {
    const sample = (arbitrary: fc.Arbitrary<unknown>) => fc.sample(arbitrary, { seed: 3, numRuns: 20 });
    const given = arbitraryFor("Event", { maxDepth: undefined, maxLength: undefined, maxEntries: undefined, loneSurrogates: undefined });
    expect(sample(given)).toEqual(sample(arbitraryFor("Event")));
  });
});
