/**
 * What SARIF's `tool.driver.rules` lists: every rule id validate can report, each with what it checks
 * and its default level. Code scanning shows these beside each alert.
 */
import { contractRules } from "../../rule-options.js";

export interface SarifRule {
  id: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  defaultConfiguration: { level: "error" | "warning" };
}

/** What the file itself can break before any schema is checked. */
const TEXT_RULES: Readonly<Record<string, string>> = {
  json: "The payload is JSON text (RFC 8259) in UTF-8.",
  "input-size": "The payload is no larger than --max-input-size.",
};

/**
 * The keywords of Swagger 2.0's Schema Object that assert something, each a `schema:<keyword>` rule:
 * what the spec's schemas may hold, now or after an edit of the spec. The others only annotate, or
 * apply subschemas whose own keywords report.
 */
const SCHEMA_KEYWORDS: Readonly<Record<string, string>> = {
  type: "The value has the type its schema gives.",
  enum: "The value is one of those its schema lists.",
  required: "The object has every key its schema requires.",
  additionalProperties: "The object has no key its schema leaves out.",
  format: "The string has the format its schema names.",
  pattern: "The string matches its schema's pattern.",
  minLength: "The string is no shorter than its schema allows.",
  maxLength: "The string is no longer than its schema allows.",
  minimum: "The number is no smaller than its schema allows.",
  maximum: "The number is no larger than its schema allows.",
  exclusiveMinimum: "The number is larger than its schema's bound.",
  exclusiveMaximum: "The number is smaller than its schema's bound.",
  multipleOf: "The number is a multiple of what its schema gives.",
  minItems: "The array has no fewer items than its schema allows.",
  maxItems: "The array has no more items than its schema allows.",
  uniqueItems: "The array's items are all different.",
  minProperties: "The object has no fewer keys than its schema allows.",
  maxProperties: "The object has no more keys than its schema allows.",
};

export const SCHEMA_KEYWORD_RULES = Object.keys(SCHEMA_KEYWORDS);

const rule = (id: string, short: string, full: string, level: "error" | "warning"): SarifRule => ({
  id,
  shortDescription: { text: short },
  fullDescription: { text: full },
  defaultConfiguration: { level },
});

/** The spec's text reads best with its reStructuredText literals (``key``) written as Markdown's (`key`). */
const plain = (sentence: string) => sentence.replace(/``/g, "`");

export const sarifRules: readonly SarifRule[] = [
  ...Object.entries(TEXT_RULES).map(([id, text]) => rule(id, text, text, "error")),
  ...Object.entries(SCHEMA_KEYWORDS).map(([keyword, text]) =>
    rule(`schema:${keyword}`, text, `${text} (JSON Schema keyword ${keyword} in the spec's schemas)`, "error"),
  ),
  ...contractRules.map(({ id, severity, spec, deviations }) => {
    const sentence = plain(spec.sentence);
    const known = deviations === undefined ? "" : ` Known deviations of real servers: ${deviations}`;
    return rule(id, sentence.split(/(?<=\.) /)[0]!, `${sentence} (${spec.source}).${known}`, severity);
  }),
];

const indexOf = new Map(sarifRules.map((each, index) => [each.id, index]));

/** The rule's place in `sarifRules`, or undefined for an id it does not list. */
export const ruleIndex = (id: string): number | undefined => indexOf.get(id);
