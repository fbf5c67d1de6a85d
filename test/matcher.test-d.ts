import { describe, expect, expectTypeOf, it } from "vitest";
import type { SchemaName } from "../generated/types.js";
import "../src/vitest.js";

describe("the contract matchers' types", () => {
  it("accept every schema name and check options", () => {
    expect({}).toSatisfyContract("Event");
    expect({}).toSatisfyContract("SyncResponse", { rules: false, maxIssues: 5 });
    expect({}).toBeValidSyncResponse();
    expect({}).not.toBeValidSyncResponse({ rules: false });
    expect({}).toBeValidSyncResponse({ strict: true, rules: { "invite-state-keys": "warning", "unknown-key": "error" } });
    expectTypeOf(expect({}).toSatisfyContract).parameter(0).toEqualTypeOf<SchemaName>();
  });

  it("reject a name that is not a schema, and options that are not check options", () => {
    // @ts-expect-error "Nope" is no schema name
    expect({}).toSatisfyContract("Nope");
    // @ts-expect-error the name is required
    expect({}).toSatisfyContract();
    // @ts-expect-error no such check option
    expect({}).toBeValidSyncResponse({ strictly: true });
    // @ts-expect-error no such rule id
    expect({}).toSatisfyContract("Event", { rules: { "invite-state-key": "off" } });
    // @ts-expect-error the response matcher takes no schema name
    expect({}).toBeValidSyncResponse("Event");
  });
});
