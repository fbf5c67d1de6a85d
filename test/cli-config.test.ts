/** validate's config file: where it is found, flags over it, bad configs as usage errors, and the shipped JSON Schema. */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv } from "ajv";
import { afterEach, describe, expect, it } from "vitest";
import { schemaNames } from "../generated/contract.js";
import { readConfig } from "../src/cli/config-check.js";
import { contractRules, RULE_LEVELS } from "../src/rule-options.js";
import { fixtureTree, runCli, type FixtureTree } from "./support/cli.js";
import { readmeBlocks } from "./support/readme-blocks.js";
import { repoRoot } from "./support/repo-copy.js";

const invite = readFileSync(join(repoRoot, "test/fixtures/captures/synapse-compact-invite.json"));
const HINT = "Run matrix-sync-contract --help for usage.\n";
const CONFIG = "matrix-sync-contract.config.json";
const RULE_IDS = contractRules.map((rule) => rule.id).join(", ");

let tree: FixtureTree | undefined;
afterEach(() => tree?.remove());

/** validate run in a folder holding the invite capture and the given files. */
function validateIn(files: Record<string, unknown>, ...args: string[]) {
  const text = Object.fromEntries(
    Object.entries(files).map(([name, value]) => [name, typeof value === "string" ? value : JSON.stringify(value)]),
  );
  tree = fixtureTree({ "invite.json": invite, ...text });
  return runCli(["validate", ...args, "invite.json"], { cwd: tree.root });
}

const usage = (message: string) => ({ status: 2, stdout: "", stderr: `matrix-sync-contract: ${message}\n${HINT}` });

describe("the config file validate finds", () => {
  it("is read from matrix-sync-contract.config.json in the working directory", () => {
    expect(validateIn({ [CONFIG]: { rules: { "invite-state-keys": "warning" } } }, "--quiet")).toEqual({
      status: 0,
      stdout: "1 passed, 0 failed, 3 warnings\n",
      stderr: "",
    });
  });

  it("is read from the matrix-sync-contract key of package.json", () => {
    const pkg = { name: "app", "matrix-sync-contract": { rules: { "invite-state-keys": "off" } } };
    expect(validateIn({ "package.json": pkg })).toEqual({ status: 0, stdout: "1 passed, 0 failed\n", stderr: "" });
  });

  it("prefers the config file to package.json", () => {
    const pkg = { "matrix-sync-contract": { rules: { "invite-state-keys": "off" } } };
    const result = validateIn({ "package.json": pkg, [CONFIG]: { rules: { "invite-state-keys": "warning" } } }, "--quiet");
    expect(result.stdout).toBe("1 passed, 0 failed, 3 warnings\n");
  });

  it("applies maxWarnings, strict and schema from the file", () => {
    const config = { rules: { "invite-state-keys": "warning" }, strict: true, maxWarnings: 3 };
    expect(validateIn({ [CONFIG]: config }, "--quiet")).toEqual({
      status: 1,
      stdout: "1 passed, 0 failed, 4 warnings\n",
      stderr: "matrix-sync-contract: 4 warnings, more than --max-warnings 3\n",
    });
    tree = fixtureTree({ "query.json": '{"timeout": "soon"}', [CONFIG]: JSON.stringify({ schema: "SyncQuery" }) });
    expect(runCli(["validate", "query.json"], { cwd: tree.root })).toEqual({
      status: 1,
      stdout:
        "query.json:1:13: error /timeout: must be integer (schema:type)\n" +
        '  1 | {"timeout": "soon"}\n' +
        "    |             ^\n0 passed, 1 failed\n",
      stderr: "",
    });
  });

  it("loses to the flags: --rule for its rule, --max-warnings, --schema, --no-rules", () => {
    const config = { rules: { "invite-state-keys": "warning", "limited-prev-batch": "error" }, maxWarnings: 0, schema: "Rooms" };
    const files = { [CONFIG]: config };
    expect(validateIn(files, "--schema", "SyncResponse", "--max-warnings", "3", "--quiet")).toEqual({
      status: 0,
      stdout: "1 passed, 0 failed, 3 warnings\n",
      stderr: "",
    });
    expect(validateIn(files, "--schema", "SyncResponse", "--rule", "invite-state-keys=off")).toEqual({
      status: 0,
      stdout: "1 passed, 0 failed\n",
      stderr: "",
    });
    expect(validateIn(files, "--schema", "SyncResponse", "--no-rules")).toEqual({ status: 0, stdout: "1 passed, 0 failed\n", stderr: "" });
  });
});

describe("a bad config", () => {
  it("that is not JSON is a usage error naming the file", () => {
    expect(validateIn({ [CONFIG]: "{ rules" })).toEqual(
      usage(`${CONFIG} is not JSON: Expected property name or '}' in JSON at position 2`),
    );
  });

  it("with a level that is none is a usage error naming the file and the pointer", () => {
    expect(validateIn({ [CONFIG]: { rules: { "invite-state-keys": "warn" } } })).toEqual(
      usage(`${CONFIG} at /rules/invite-state-keys: a rule's level is one of off, warning, error, not "warn"`),
    );
  });

  it("naming no rule is a usage error listing the rules, at the pointer inside package.json", () => {
    const pkg = { "matrix-sync-contract": { rules: { "invite-keys": "off" } } };
    expect(validateIn({ "package.json": pkg })).toEqual(
      usage(`package.json at /matrix-sync-contract/rules/invite-keys: rules has no key "invite-keys"; the keys are: ${RULE_IDS}`),
    );
  });

  it("shows keys from the file escaped", () => {
    expect(validateIn({ [CONFIG]: { "max\u001b[2JWarnings": 1 } })).toEqual(
      usage(
        `${CONFIG} at /max\\x1b[2JWarnings: the config has no key "max\\u001b[2JWarnings"; the keys are: rules, strict, maxWarnings, maxIssues, schema`,
      ),
    );
  });

  it("that is not an object, or holds a wrong type, says so", () => {
    expect(validateIn({ [CONFIG]: [] })).toEqual(usage(`${CONFIG}: the config is an object, not an array`));
    expect(validateIn({ [CONFIG]: { maxIssues: 0 } })).toEqual(usage(`${CONFIG} at /maxIssues: takes a whole number of at least 1, not 0`));
    expect(validateIn({ [CONFIG]: { strict: "yes" } })).toEqual(usage(`${CONFIG} at /strict: takes true or false, not "yes"`));
  });
});

/** The config's JSON Schema, built from the rule table and the schema names as the shipped file must be. */
function expectedSchema() {
  return {
    $schema: "http://json-schema.org/draft-07/schema#",
    title: "matrix-sync-contract config",
    description:
      "Settings for matrix-sync-contract validate, in matrix-sync-contract.config.json or package.json's matrix-sync-contract key.",
    type: "object",
    additionalProperties: false,
    properties: {
      rules: {
        description: "A level per rule; a rule not named keeps its default severity.",
        type: "object",
        additionalProperties: false,
        properties: Object.fromEntries(
          contractRules.map((rule) => [rule.id, { description: `Default: ${rule.severity}.`, enum: [...RULE_LEVELS] }]),
        ),
      },
      strict: { description: "Report each key the spec does not name (rule unknown-key).", type: "boolean" },
      maxWarnings: {
        description: "Fail the run when more warnings than this were reported.",
        type: "integer",
        minimum: 0,
        maximum: Number.MAX_SAFE_INTEGER,
      },
      maxIssues: {
        description: "Report at most this many issues per payload.",
        type: "integer",
        minimum: 1,
        maximum: Number.MAX_SAFE_INTEGER,
      },
      schema: { description: "The schema the fixtures hold.", enum: [...schemaNames] },
    },
  };
}

const schemaPath = join(repoRoot, "config.schema.json");

describe("config.schema.json", () => {
  // UPDATE_CONFIG_SCHEMA=1 npx vitest run test/cli-config.test.ts rewrites the file after a change of the rule table.
  if (process.env.UPDATE_CONFIG_SCHEMA) writeFileSync(schemaPath, `${JSON.stringify(expectedSchema(), null, 2)}\n`);
  const shipped = JSON.parse(readFileSync(schemaPath, "utf8"));

  it("is built from the rule table and the schema names", () => {
    expect(shipped).toEqual(expectedSchema());
  });

  it("is in the package's files and exports", () => {
    const pkg = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8"));
    expect(pkg.files).toContain("config.schema.json");
    expect(pkg.exports["./config.schema.json"]).toBe("./config.schema.json");
  });

  it("accepts the README's example config, as the command's check does", () => {
    const examples = readmeBlocks(readFileSync(join(repoRoot, "README.md"), "utf8")).filter(
      (block) => block.lang === "json" && block.code.includes('"maxWarnings"'),
    );
    expect(examples).toHaveLength(1);
    const example = JSON.parse(examples[0]!.code);
    expect(new Ajv({ strict: true }).compile(shipped)(example)).toBe(true);
    expect(readConfig(example, "")).toEqual({ config: example });
  });

  it("agrees with the command's own check on valid and invalid configs", () => {
    const validate = new Ajv({ strict: true }).compile(shipped);
    const configs: [unknown, boolean][] = [
      [{}, true],
      [{ rules: Object.fromEntries(contractRules.map((rule, i) => [rule.id, RULE_LEVELS[i % 3]])) }, true],
      [{ strict: false, maxWarnings: 0, maxIssues: 1, schema: "InviteState" }, true],
      [{ rules: { "invite-state-keys": "warn" } }, false],
      [{ rules: { "invite-keys": "off" } }, false],
      [{ rules: [] }, false],
      [{ strict: 1 }, false],
      [{ maxWarnings: -1 }, false],
      [{ maxWarnings: 1.5 }, false],
      [{ maxWarnings: 2 ** 53 }, false],
      [{ maxIssues: 0 }, false],
      [{ schema: "Nope" }, false],
      [{ extra: true }, false],
      [null, false],
      ["rules", false],
    ];
    for (const [config, valid] of configs) {
      expect([config, validate(config)]).toEqual([config, valid]);
      expect([config, "config" in readConfig(config, "")]).toEqual([config, valid]);
    }
  });
});
