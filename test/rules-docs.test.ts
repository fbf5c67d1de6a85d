import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { contractRules } from "../src/rule-options.js";
import { repoRoot } from "./support/repo-copy.js";

describe("the README's table of rules", () => {
  it("has one row per rule, in order, with its default severity and its known deviations", () => {
    const readme = readFileSync(join(repoRoot, "README.md"), "utf8");
    const section = readme.slice(readme.indexOf("### The prose rules"), readme.indexOf("## Use it"));
    const rows = section
      .split("\n")
      .filter((line) => line.startsWith("| `"))
      .map((line) => line.split(" | "));
    expect(rows.map((cells) => [cells[0], cells[1]!.split(",")[0]])).toEqual(
      contractRules.map((rule) => [`| \`${rule.id}\``, rule.severity]),
    );
    for (const [i, rule] of contractRules.entries()) {
      const deviations = rows[i]![3]!.replace(/`/g, "").replace(/ \|$/, "");
      if (rule.deviations === undefined) expect(deviations).toBe("none known");
      else expect(rule.deviations.replace(/\.$/, "")).toContain(deviations.slice(0, 40));
    }
  });
});
