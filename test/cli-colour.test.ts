/**
 * Colour in the pretty format: on a terminal, or wherever FORCE_COLOR asks, never with NO_COLOR, and
 * never in the machine formats. The escapes are util.styleText's, asserted exactly.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { colourWanted, styleFor } from "../src/cli/formats/style.js";
import { fixtureTree, runCli, type FixtureTree } from "./support/cli.js";

const ESC = "\u001b";
const bold = (text: string) => `${ESC}[1m${text}${ESC}[22m`;
const red = (text: string) => `${ESC}[1m${ESC}[31m${text}${ESC}[39m${ESC}[22m`;
const yellow = (text: string) => `${ESC}[1m${ESC}[33m${text}${ESC}[39m${ESC}[22m`;
const dim = (text: string) => `${ESC}[2m${text}${ESC}[22m`;

describe("colourWanted", () => {
  it.each([
    [{}, true, true],
    [{}, false, false],
    [{ NO_COLOR: "1" }, true, false],
    [{ NO_COLOR: "" }, true, true],
    [{ FORCE_COLOR: "1" }, false, true],
    [{ FORCE_COLOR: "" }, false, true],
    [{ FORCE_COLOR: "3" }, false, true],
    [{ FORCE_COLOR: "0" }, true, false],
    [{ FORCE_COLOR: "false" }, true, false],
    [{ FORCE_COLOR: "1", NO_COLOR: "1" }, false, true],
    [{ TERM: "dumb" }, true, false],
  ])("%j on a terminal: %s, coloured: %s", (env, isTTY, coloured) => {
    expect(colourWanted(env, isTTY)).toBe(coloured);
  });

  it("styles with styleText's escapes when on, and not at all when off", () => {
    const style = styleFor(true);
    expect([style.error("error"), style.warning("warning"), style.rule("json"), style.path("a.json:1:2")]).toEqual([
      red("error"),
      yellow("warning"),
      dim("json"),
      bold("a.json:1:2"),
    ]);
    const plain = styleFor(false);
    expect([plain.error("error"), plain.warning("warning"), plain.rule("json"), plain.path("a.json:1:2")]).toEqual([
      "error",
      "warning",
      "json",
      "a.json:1:2",
    ]);
  });
});

it("gives plain text where util.styleText is missing (Node before 20.12), colour wanted or not", async () => {
  vi.resetModules();
  vi.doMock("node:util", async (original) => ({ ...(await original<object>()), styleText: undefined }));
  try {
    const { styleFor: withoutStyleText } = await import("../src/cli/formats/style.js");
    const style = withoutStyleText(true);
    expect([style.error("error"), style.warning("warning"), style.rule("json"), style.path("a.json:1:2")]).toEqual([
      "error",
      "warning",
      "json",
      "a.json:1:2",
    ]);
  } finally {
    vi.doUnmock("node:util");
    vi.resetModules();
  }
});

describe("the pretty format in colour", () => {
  let tree: FixtureTree;
  const WARNED = JSON.stringify({ next_batch: "s", rooms: { joined: { "!r:x": { event_map: { $e: { type: "m.x", content: {} } } } } } });
  beforeAll(() => {
    tree = fixtureTree({ "a.json": '{"next_batch": 1}', "b.ndjson": `${WARNED}\n` });
  });
  afterAll(() => tree.remove());
  const run = (env: Record<string, string>, ...args: string[]) =>
    runCli(["validate", ...args, "a.json", "b.ndjson"], { cwd: tree.root, env });

  it("colours paths, severities and rule ids when FORCE_COLOR is set, even into a pipe", () => {
    const column = WARNED.indexOf('{"type"') + 1;
    expect(run({ FORCE_COLOR: "1" })).toEqual({
      status: 1,
      stdout:
        `${bold("a.json:1:16")}: ${red("error")} /next_batch: must be string (${dim("schema:type")})\n` +
        '  1 | {"next_batch": 1}\n' +
        "    |                ^\n" +
        `${bold(`b.ndjson:1:${column}`)}: ${yellow("warning")} /rooms/joined/!r:x/event_map/$e: ` +
        `no state or timeline of this room references this event (${dim("event-map-unreferenced")})\n` +
        `  1 | ${WARNED}\n` +
        `    | ${" ".repeat(column - 1)}^\n` +
        "1 passed, 1 failed, 1 warning\n",
      stderr: "",
    });
  });

  it.each<Record<string, string>>([{}, { NO_COLOR: "1" }, { FORCE_COLOR: "0" }])("is plain text into a pipe with %j", (env) => {
    const { stdout } = run(env);
    expect(stdout).not.toContain(ESC);
    expect(stdout.startsWith("a.json:1:16: error /next_batch: must be string (schema:type)\n")).toBe(true);
  });

  it.each(["json", "junit", "github", "sarif"])("leaves --format %s uncoloured, even with FORCE_COLOR", (format) => {
    expect(run({ FORCE_COLOR: "1" }, "--format", format).stdout).not.toContain(ESC);
  });
});
