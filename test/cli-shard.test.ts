/**
 * `--shard i/n`: the inputs split among n CI jobs, each file checked by exactly one of them, the same
 * way on every machine: sorted by path, then dealt out in turn.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCommand, UsageError } from "../src/cli/args.js";
import { shardOf } from "../src/cli/inputs.js";
import type { InputUnit } from "../src/cli/protocol.js";
import { fixtureTree, runCli, type FixtureTree } from "./support/cli.js";

const unit = (path: string | Uint8Array, index: number): InputUnit => ({
  index,
  path,
  display: typeof path === "string" ? path : "bytes",
  format: "json",
});

describe("shardOf", () => {
  // In discovery order, which is not the sorted order.
  const paths = ["b/2.json", "a.json", "c.json", "b/1.json", "B.json", "d.json", "a/z.json"];
  const units = paths.map(unit);
  const shard = (index: number, count: number) => shardOf(units, { index, count }).map((each) => each.path);

  it("deals the sorted paths out in turn, keeping report order", () => {
    // Sorted by bytes: B.json, a.json, a/z.json, b/1.json, b/2.json, c.json, d.json.
    expect(shard(1, 3)).toEqual(["b/1.json", "B.json", "d.json"]);
    expect(shard(2, 3)).toEqual(["b/2.json", "a.json"]);
    expect(shard(3, 3)).toEqual(["c.json", "a/z.json"]);
  });

  it("covers every input exactly once for any number of shards, within one file of even", () => {
    for (let count = 1; count <= 9; count++) {
      const shards = Array.from({ length: count }, (_, i) => shard(i + 1, count));
      expect(shards.flat().sort()).toEqual([...paths].sort());
      const sizes = shards.map((each) => each.length);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    }
  });

  it("numbers a shard's inputs afresh, and orders names that are not UTF-8 by their bytes", () => {
    const bytes = Uint8Array.from([0x61, 0xff]);
    const mixed = [unit("b", 0), unit(bytes, 1), unit("a", 2)];
    // Sorted: a, a\xff, b.
    expect(shardOf(mixed, { index: 1, count: 2 })).toEqual([unit("b", 0), unit("a", 1)]);
    expect(shardOf(mixed, { index: 2, count: 2 })).toEqual([unit(bytes, 0)]);
  });
});

describe("--shard values", () => {
  it.each(["0/2", "3/2", "1/0", "a/b", "2", "-1/2", "1/2/3", " 1/2", "1/1234567890"])("refuses %j", (value) => {
    expect(() => parseCommand(["validate", "--shard", value, "x.json"])).toThrow(
      new UsageError(`--shard takes i/n, shard i of n counted from 1 (1/3, 2/3, 3/3), not ${JSON.stringify(value)}`),
    );
  });

  it("takes 1/1 and n/n", () => {
    expect(parseCommand(["validate", "--shard", "1/1", "x.json"])).toMatchObject({ options: { shard: { index: 1, count: 1 } } });
    expect(parseCommand(["validate", "--shard", "4/4", "x.json"])).toMatchObject({ options: { shard: { index: 4, count: 4 } } });
  });

  it("refuses standard input, which no shard can split", () => {
    expect(() => parseCommand(["validate", "--shard", "1/2", "x.json", "-"])).toThrow(
      new UsageError("--shard splits files among jobs: it cannot take standard input (-)"),
    );
  });
});

describe("validate --shard", () => {
  let tree: FixtureTree;
  beforeAll(() => {
    tree = fixtureTree({
      "fixtures/a.json": '{"next_batch": "a"}',
      "fixtures/b.json": '{"next_batch": 2}',
      "fixtures/c.ndjson": '{"next_batch": "c"}\n{"next_batch": 3}\n',
      "fixtures/d/e.json": '{"next_batch": "e"}',
      "fixtures/d/f.json": "{",
    });
  });
  afterAll(() => tree.remove());

  interface Report {
    files: { file: string; passed: number; failed: number }[];
    passed: number;
    failed: number;
  }
  const report = (...args: string[]) => {
    const run = runCli(["validate", "--format", "json", ...args, "fixtures"], { cwd: tree.root });
    return { ...run, report: JSON.parse(run.stdout) as Report };
  };

  it("splits the files among the shards: disjoint, and together the unsharded run", () => {
    const whole = report();
    const shards = [1, 2, 3].map((i) => report("--shard", `${i}/3`));
    expect(shards.map(({ report }) => report.files.map((file) => file.file))).toEqual([
      ["fixtures/a.json", "fixtures/d/e.json"],
      ["fixtures/b.json", "fixtures/d/f.json"],
      ["fixtures/c.ndjson"],
    ]);
    const files = shards.flatMap(({ report }) => report.files);
    expect(files.sort((a, b) => (a.file < b.file ? -1 : 1))).toEqual(whole.report.files);
    expect(shards.map(({ status }) => status)).toEqual([0, 1, 1]);
    expect(shards.reduce((sum, { report }) => sum + report.passed, 0)).toBe(whole.report.passed);
    expect(shards.reduce((sum, { report }) => sum + report.failed, 0)).toBe(whole.report.failed);
  });

  it("passes a shard left empty by more shards than files, and says so", () => {
    expect(runCli(["validate", "--shard", "6/6", "fixtures"], { cwd: tree.root })).toEqual({
      status: 0,
      stdout: "0 passed, 0 failed\n",
      stderr: "matrix-sync-contract: shard 6/6 holds none of the 5 inputs\n",
    });
  });
});
