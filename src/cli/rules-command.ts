/** `rules`: each rule a check applies beside the schema, from the rule table, as text for people or as JSON. */
import { contractRules } from "../rule-options.js";
import type { RuleDescription } from "../rules.js";

const WIDTH = 96;
const INDENT = "    ";

/** The text in lines of at most WIDTH characters, each indented; a word longer than a line keeps a line of its own. */
function wrap(text: string): string {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line !== "" && INDENT.length + line.length + 1 + word.length > WIDTH) {
      lines.push(line);
      line = word;
    } else line = line === "" ? word : `${line} ${word}`;
  }
  lines.push(line);
  return lines.map((each) => `${INDENT}${each}\n`).join("");
}

function ruleText({ id, severity, spec, deviations }: RuleDescription): string {
  return (
    `${id} (default: ${severity})\n` +
    `  The spec (${spec.source}):\n${wrap(spec.sentence)}` +
    `  Known deviations of real servers:\n${wrap(deviations ?? "none known")}`
  );
}

export function rulesText(format: "text" | "json"): string {
  if (format === "json") {
    const rules = contractRules.map(({ id, severity, spec, deviations }) => ({ id, severity, spec, deviations: deviations ?? null }));
    return `${JSON.stringify(rules, null, 2)}\n`;
  }
  return contractRules.map(ruleText).join("\n");
}
