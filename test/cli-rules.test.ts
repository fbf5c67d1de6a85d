/** The command on the captures: rule levels, strict mode, the warning count and --max-warnings. */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { contractRules } from "../src/rule-options.js";
import { runCli } from "./support/cli.js";
import { repoRoot } from "./support/repo-copy.js";

const cwd = join(repoRoot, "test/fixtures/captures");
const run = (...args: string[]) => runCli(["validate", ...args], { cwd });
const summary = (stdout: string) => stdout.trimEnd().split("\n").at(-1);
const HINT = "Run matrix-sync-contract --help for usage.\n";

describe("validate --rule, --strict, --max-warnings", () => {
  it("fails the invite capture by default, on its three invite-state-keys errors", () => {
    const { status, stdout } = run("--quiet", ".");
    expect(status).toBe(1);
    expect(stdout.split("\n").filter((line) => /^\S/.test(line))).toEqual([
      'synapse-compact-invite.json:1:535: error /rooms/invited/!iNvItEdqGhTkLmPo:example.org/invite_state/events/2/event_id: an invite_state event may only have sender, type, state_key, content; not "event_id" (invite-state-keys)',
      'synapse-compact-invite.json:1:585: error /rooms/invited/!iNvItEdqGhTkLmPo:example.org/invite_state/events/2/origin_server_ts: an invite_state event may only have sender, type, state_key, content; not "origin_server_ts" (invite-state-keys)',
      'synapse-compact-invite.json:1:692: error /rooms/invited/!iNvItEdqGhTkLmPo:example.org/invite_state/events/2/unsigned: an invite_state event may only have sender, type, state_key, content; not "unsigned" (invite-state-keys)',
      "3 passed, 1 failed",
    ]);
  });

  it("passes it with the rule as a warning, counting the warnings", () => {
    const { status, stdout } = run("--rule", "invite-state-keys=warning", ".");
    expect(status).toBe(0);
    expect(summary(stdout)).toBe("4 passed, 0 failed, 3 warnings");
  });

  it("passes it with the rule off, with nothing to say", () => {
    expect(run("--rule", "invite-state-keys=off", ".")).toEqual({ status: 0, stdout: "4 passed, 0 failed\n", stderr: "" });
  });

  it("reports unknown keys with --strict at their value's line and column, suggesting the key meant", () => {
    const { status, stdout } = run("--strict", "--rule", "invite-state-keys=off", "draft-later-join-invite-leave.json");
    expect(status).toBe(0);
    expect(stdout.split("\n").filter((line) => /^\S/.test(line))).toEqual([
      'draft-later-join-invite-leave.json:7:19: warning /rooms/invite: the spec names no key "invite" here; did you mean `invited`? (unknown-key)',
      'draft-later-join-invite-leave.json:23:17: warning /rooms/join: the spec names no key "join" here; did you mean `joined`? (unknown-key)',
      'draft-later-join-invite-leave.json:61:18: warning /rooms/leave: the spec names no key "leave" here; it names joined, invited, archived (unknown-key)',
      "1 passed, 0 failed, 3 warnings",
    ]);
  });

  it("fails past --max-warnings, and not at it", () => {
    const args = ["--strict", "--rule", "invite-state-keys=warning", "--quiet", "."];
    expect(summary(run(...args).stdout)).toBe("4 passed, 0 failed, 9 warnings");
    expect(run("--max-warnings", "9", ...args).status).toBe(0);
    expect(run("--max-warnings", "8", ...args)).toEqual({
      status: 1,
      stdout: "4 passed, 0 failed, 9 warnings\n",
      stderr: "matrix-sync-contract: 9 warnings, more than --max-warnings 8\n",
    });
  });

  it("carries each issue's severity and the warning count in the json format", () => {
    const report = JSON.parse(run("--format", "json", "--strict", "--rule", "unknown-key=error", "draft-earlier-room-map.json").stdout);
    expect(report).toMatchObject({ rules: { "unknown-key": "error" }, strict: true, passed: 0, failed: 1, warnings: 0 });
    expect(report.files[0].payloads[0].issues.map((issue: any) => [issue.pointer, issue.rule, issue.severity])).toEqual([
      ["/room_map", "unknown-key", "error"],
      ["/rooms/default", "unknown-key", "error"],
    ]);
  });

  it.each([
    [
      ["--rule", "invite-state-key=warning"],
      '--rule "invite-state-key=warning" names no rule "invite-state-key"; the rules are: event-map-reference, event-map-unreferenced, invite-state-keys, archived-no-ephemeral, limited-prev-batch, unknown-key',
    ],
    [["--rule", "invite-state-keys=loud"], '--rule "invite-state-keys=loud" takes ID=LEVEL, LEVEL one of off, warning, error'],
    [["--rule", "unknown-key=off", "--no-rules"], "--rule and --no-rules do not go together"],
    [["--max-warnings=-1"], '--max-warnings takes a whole number of at least 0, not "-1"'],
    [["--max-warnings", "many"], '--max-warnings takes a whole number of at least 0, not "many"'],
  ])("%j is a usage error, exit 2", (args, message) => {
    expect(run(...args, ".")).toEqual({ status: 2, stdout: "", stderr: `matrix-sync-contract: ${message}\n${HINT}` });
  });
});

describe("rules", () => {
  const rules = (...args: string[]) => runCli(["rules", ...args], { cwd });

  it("lists each rule with its default severity, the spec's sentence and real servers' deviations", () => {
    const { status, stdout, stderr } = rules();
    expect([status, stderr]).toEqual([0, ""]);
    const blocks = stdout.split("\n\n");
    expect(blocks.map((block) => block.split(" ")[0])).toEqual(contractRules.map((rule) => rule.id));
    expect(blocks[2]).toBe(`invite-state-keys (default: error)
  The spec (spec/sync.yaml, invite_state):
    These state events may only have the \`sender\`\`, \`\`type\`\`, \`\`state_key\`\` and \`\`content\`\` keys
    present.
  Known deviations of real servers:
    Synapse (October–November 2015) puts the user's own invite m.room.member event into
    invite_state whole, with origin_server_ts, event_id and unsigned beside the four keys.`);
  });

  it("prints the rule table as JSON with --format json", () => {
    const { status, stdout } = rules("--format", "json");
    expect(status).toBe(0);
    expect(JSON.parse(stdout)[4]).toEqual({
      id: "limited-prev-batch",
      severity: "warning",
      spec: {
        sentence: "When `limited` is true, a token with which to fetch the events that came before the ones returned here.",
        source: "spec/definitions/timeline_batch.json, prev_batch",
      },
      deviations: null,
    });
  });

  it("refuses arguments and other options as usage errors", () => {
    expect(rules("x")).toEqual({ status: 2, stdout: "", stderr: `matrix-sync-contract: rules takes no arguments, not "x"\n${HINT}` });
    expect(rules("--strict")).toEqual({
      status: 2,
      stdout: "",
      stderr: `matrix-sync-contract: --strict is not an option of rules\n${HINT}`,
    });
    expect(rules("--format", "xml")).toEqual({
      status: 2,
      stdout: "",
      stderr: `matrix-sync-contract: rules prints text or json, not "xml"\n${HINT}`,
    });
  });
});
