/**
 * The command line read with messages a person can act on: no wording of util.parseArgs reaches the
 * user, unknown options and names get the nearest known one, schema names match in any letter case.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { examples } from "../generated/examples.js";
import { parseCommand, UsageError } from "../src/cli/args.js";
import { readArgs } from "../src/cli/read-args.js";
import { runCli } from "./support/cli.js";

const cwd = mkdtempSync(join(tmpdir(), "matrix-sync-contract-args-"));
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

const SCHEMAS =
  "SyncResponse, Rooms, Joined, JoinedRoom, EventMap, Event, State, Timeline, Ephemeral, Invited, InvitedRoom, InviteState, Archived, ArchivedRoom, Presence, SyncQuery";

/** The usage error's message for an argument list, failing the test when there is none. */
function mistake(...argv: string[]): string {
  try {
    parseCommand(argv);
  } catch (error) {
    if (error instanceof UsageError) return error.message;
    throw error;
  }
  throw new Error(`no usage error for ${JSON.stringify(argv)}`);
}

describe("usage errors in the command's own words", () => {
  it.each([
    [["validate", "--fromat", "json", "x.json"], "unknown option --fromat; did you mean --format?"],
    [["validate", "--fromat=json", "x.json"], "unknown option --fromat; did you mean --format?"],
    [["validate", "--max-isues", "3", "x.json"], "unknown option --max-isues; did you mean --max-issues?"],
    [["validate", "-format", "json", "x.json"], "unknown option -format; did you mean --format?"],
    [["validate", "-x", "x.json"], "unknown option -x"],
    [["validate", "--colour", "x.json"], "unknown option --colour"],
    [["validate", "--max-issues", "-1", "x.json"], '--max-issues takes a whole number of at least 1, not "-1"'],
    [["validate", "--max-warnings", "-3", "x.json"], '--max-warnings takes a whole number of at least 0, not "-3"'],
    [["validate", "--format", "xml", "x.json"], '--format: unknown format "xml"; the formats are: pretty, json, junit, github, sarif'],
    [["validate", "--format", "jsno", "x.json"], '--format: unknown format "jsno"; did you mean json?'],
    [["validate", "--format", "SARIF", "x.json"], '--format: unknown format "SARIF"; did you mean sarif?'],
    [["validate", "--schema", "Nope", "x.json"], `--schema: unknown schema "Nope"; the schemas are: ${SCHEMAS}`],
    [["validate", "--schema", "syncrespons", "x.json"], '--schema: unknown schema "syncrespons"; did you mean SyncResponse?'],
    [["example", "joinedrom"], 'unknown schema "joinedrom"; did you mean JoinedRoom?'],
    [["validat", "x.json"], 'unknown command "validat"; did you mean validate?'],
    [["validate", "--format"], "--format needs a value"],
    [
      ["validate", "--schema", "--strict", "x.json"],
      "--schema needs a value before --strict (write --schema=--strict if that is the value)",
    ],
    [["validate", "--quiet=yes", "x.json"], '--quiet takes no value, not "yes"'],
    [["validate", "--strict=", "x.json"], '--strict takes no value, not ""'],
  ])("%j: %s", (argv, message) => {
    expect(mistake(...argv)).toBe(message);
  });

  it("escapes and shortens an option name from input", () => {
    expect(mistake("validate", `--x\u001b[2J\n${"y".repeat(500)}`, "x.json")).toBe(
      `unknown option --x\\x1b[2J\\n${"y".repeat(92)}…${"y".repeat(99)}`,
    );
  });

  it("takes a value starting with one dash, and anything after --", () => {
    expect(readArgs(["--format", "-", "--", "--strict", "-"], { format: { type: "string" } }, true)).toMatchObject({
      values: { format: "-" },
      positionals: ["--strict", "-"],
    });
  });

  it("refuses an argument where a command takes options only", () => {
    expect(() => readArgs(["--port", "1", "extra"], { port: { type: "string" } }, false)).toThrow(
      new UsageError('unexpected argument "extra": only options are taken'),
    );
  });
});

describe("schema names in any letter case", () => {
  it.each([
    ["syncresponse", "SyncResponse"],
    ["JOINEDROOM", "JoinedRoom"],
    ["inviteState", "InviteState"],
  ])("--schema %s is %s", (given, schema) => {
    const command = parseCommand(["validate", "--schema", given, "x.json"]);
    expect(command).toMatchObject({ kind: "validate", options: { schema } });
    expect(parseCommand(["example", given])).toEqual({ kind: "example", schema });
  });

  it("validates with a lower-case schema name, as with the exact one", () => {
    writeFileSync(join(cwd, "room.json"), JSON.stringify(examples.JoinedRoom));
    expect(runCli(["validate", "--schema", "joinedroom", "room.json"], { cwd })).toEqual({
      status: 0,
      stdout: "1 passed, 0 failed\n",
      stderr: "",
    });
  });
});

it("a misspelt option from the real command: exit 2, the message, the hint, no parser wording", () => {
  expect(runCli(["validate", "--fromat", "json", "x.json"], { cwd })).toEqual({
    status: 2,
    stdout: "",
    stderr: "matrix-sync-contract: unknown option --fromat; did you mean --format?\nRun matrix-sync-contract --help for usage.\n",
  });
});
