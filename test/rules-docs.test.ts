/** docs/rules.md's table of rules, held to the rule table of the code (src/rule-options.ts). */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { contractRules } from "../src/rule-options.js";
import { repoRoot } from "./support/repo-copy.js";

const SECTION = "## The rules";

describe("docs/rules.md's table of rules", () => {
  it("has one row per rule, in order, with its default severity and its known deviations", () => {
    const docs = readFileSync(join(repoRoot, "docs/rules.md"), "utf8");
    const start = docs.indexOf(`\n${SECTION}\n`);
    expect(start, `docs/rules.md has no "${SECTION}" section`).toBeGreaterThan(-1);
    const section = docs.slice(start + SECTION.length + 2).split(/\n#/)[0]!;
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
