import { describe, expectTypeOf, it } from "vitest";
import { checkSyncResponse, type CheckOptions, type RuleId, type RuleLevel } from "../src/index.js";

describe("the rules option's types", () => {
  it("name the rule ids of proseRules and unknown-key, and the three levels", () => {
    expectTypeOf<RuleId>().toEqualTypeOf<
      | "event-map-reference"
      | "event-map-unreferenced"
      | "invite-state-keys"
      | "archived-no-ephemeral"
      | "limited-prev-batch"
      | "unknown-key"
    >();
    expectTypeOf<RuleLevel>().toEqualTypeOf<"off" | "warning" | "error">();
    checkSyncResponse({}, { rules: { "invite-state-keys": "warning", "event-map-unreferenced": "off" }, strict: true });
    checkSyncResponse({}, { rules: false });
  });

  it("reject an id that names no rule and a level that is not one", () => {
    // @ts-expect-error "invite-state-key" is no rule id
    checkSyncResponse({}, { rules: { "invite-state-key": "warning" } });
    // @ts-expect-error "loud" is no level
    checkSyncResponse({}, { rules: { "unknown-key": "loud" } });
    // @ts-expect-error strict takes a boolean
    const options: CheckOptions = { strict: "yes" };
    void options;
  });
});
