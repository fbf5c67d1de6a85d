/**
 * `--jobs n` hands the files to n worker threads. Whichever thread checks a file, the report is the
 * same, in input order; a run whose workers could not check would not finish.
 */
import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { afterAll, beforeAll, expect, it } from "vitest";
import { fixtureTree, runCli, type FixtureTree } from "./support/cli.js";
import { repoRoot } from "./support/repo-copy.js";

const PAYLOAD = JSON.stringify(JSON.parse(readFileSync(`${repoRoot}/generated/examples/SyncResponse.json`, "utf8")));
const BROKEN = PAYLOAD.replace('"next_batch":"s72595_4483_1934"', '"next_batch":0');
const FILES = 150;

let tree: FixtureTree;

beforeAll(() => {
  const entries: Record<string, string> = {};
  // Every tenth file is broken; numbered so that path order is numeric order.
  for (let i = 1; i <= FILES; i++) entries[`fixtures/f${String(i).padStart(3, "0")}.json`] = i % 10 === 0 ? BROKEN : PAYLOAD;
  // Long enough that a worker sends its results in several parts.
  entries["fixtures/long.ndjson"] = Array.from({ length: 2500 }, (_, i) => (i + 1 === 2100 ? BROKEN : PAYLOAD)).join("\n");
  entries["fixtures/short.jsonl"] = `${PAYLOAD}\n${BROKEN}\n`;
  tree = fixtureTree(entries);
});

afterAll(() => tree.remove());

const validate = (...args: string[]) => runCli(["validate", ...args], { cwd: tree.root });
const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? "" : "s"}`;
const jobsNote = (jobs: number, workers: number, files: number) =>
  `matrix-sync-contract: --jobs ${jobs}: checking on ${plural(workers, "worker thread")}, for ${plural(availableParallelism(), "available core")} and ${plural(files, "file")}\n`;

it("reports the same, in the same order, with workers as on the main thread alone", () => {
  const single = validate("--jobs", "1", "--format", "junit", "fixtures");
  const workers = validate("--jobs", "3", "--format", "junit", "fixtures");
  expect(single.status).toBe(1);
  expect({ status: workers.status, stdout: workers.stdout }).toEqual({ status: single.status, stdout: single.stdout });
  // Three workers, unless the machine has fewer cores to run them (the files are many enough).
  expect(workers.stderr).toBe(availableParallelism() >= 3 ? "" : jobsNote(3, availableParallelism(), FILES + 2));
  const names = [...single.stdout.matchAll(/<testsuite name="([^"]+)" tests="(\d+)" failures="(\d+)"/g)].map((match) =>
    match.slice(1).join(" "),
  );
  expect(names).toEqual([
    ...Array.from({ length: FILES }, (_, i) => `fixtures/f${String(i + 1).padStart(3, "0")}.json 1 ${(i + 1) % 10 === 0 ? 1 : 0}`),
    "fixtures/long.ndjson 2500 1",
    "fixtures/short.jsonl 2 1",
  ]);
});

it("gives the same pretty report and summary on two workers", () => {
  const { status, stdout, stderr } = validate("--jobs", "2", "--quiet", "fixtures");
  expect({ status, stderr }).toEqual({ status: 1, stderr: "" });
  expect(stdout.split("\n").filter((line) => !line.startsWith(" "))).toEqual([
    ...Array.from(
      { length: FILES / 10 },
      (_, i) => `fixtures/f${String((i + 1) * 10).padStart(3, "0")}.json:1:15: error /next_batch: must be string (schema:type)`,
    ),
    "fixtures/long.ndjson:2100:15: error /next_batch: must be string (schema:type)",
    "fixtures/short.jsonl:2:15: error /next_batch: must be string (schema:type)",
    `${FILES - FILES / 10 + 2499 + 1} passed, ${FILES / 10 + 2} failed`,
    "",
  ]);
  expect(stdout).toBe(validate("--jobs", "1", "--quiet", "fixtures").stdout);
});

it("clamps --jobs to the available cores and to the files: never a thread per job asked for, and says so", () => {
  const cores = availableParallelism();
  const many = validate("--jobs", "1000", "--quiet", "fixtures");
  expect({ status: many.status, stderr: many.stderr }).toEqual({ status: 1, stderr: "" });
  expect(many.stdout).toBe(validate("--jobs", "1", "--quiet", "fixtures").stdout);
  const noted = validate("--jobs", "1000", "fixtures/f001.json", "fixtures/f010.json");
  expect(noted).toEqual({
    status: 1,
    stdout: validate("--jobs", "1", "fixtures/f001.json", "fixtures/f010.json").stdout,
    stderr: jobsNote(1000, Math.min(cores, 2), 2),
  });
});
