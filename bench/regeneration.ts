/**
 * Benchmark 5: `npm run generate` and `npm run generate -- --check`, in a throwaway copy of the
 * repository so that the working tree is never written to. Before each timed `npm run generate`,
 * the copy's generated/ is removed, so every run writes every file.
 */
import { rmSync } from "node:fs";
import { join } from "node:path";
import { copyRepo } from "../test/support/repo-copy.js";
import { compare, type Plan } from "./measure.js";
import { commandCandidate, displayCommand, type Command } from "./processes.js";
import { byName, formatMs, timingTable, type Section, type Target } from "./report.js";

const BASELINE = "npm and tsx starting, running nothing";
const GENERATE = "npm run generate (writes every file)";
const CHECK = "npm run generate -- --check";
const LIMIT_MS = 4000;

export function runRegenerationBenchmark(quick: boolean): Section {
  const copy = copyRepo();
  try {
    const npm = (...args: string[]): Command => ({ program: "npm", args, cwd: copy.root });
    const commands: [string, Command][] = [
      [BASELINE, npm("exec", "--offline", "--", "tsx", "--eval", "")],
      [GENERATE, npm("run", "generate")],
      [CHECK, npm("run", "generate", "--", "--check")],
    ];
    const candidates = commands.map(([name, command]) => commandCandidate(name, command));
    candidates[1]!.prepare = () => rmSync(join(copy.root, "generated"), { recursive: true, force: true });
    const plan: Plan = quick ? { warmupRounds: 0, rounds: 1, minSampleMs: 0 } : { warmupRounds: 1, rounds: 7, minSampleMs: 0 };
    const timings = compare(candidates, plan);
    const target = (name: string): Target => {
      const { median } = byName(timings, name);
      return { target: `\`${name.replace(/ \(.*\)$/, "")}\` under 4 s`, measured: formatMs(median), met: median < LIMIT_MS };
    };
    return {
      title: "5. Regeneration",
      notes: [
        "Wall time of each command, spawned in a throwaway copy of the repository (spec/, scripts/, lib/, src/, generated/, package.json; " +
          "node_modules linked). Before each timed `npm run generate` the copy's generated/ is removed, so the run writes all its files. " +
          "The baseline is what every `npm run` of a TypeScript script pays before the script does anything.",
        `Commands (in the copy): ${commands.map(([, command]) => `\`${displayCommand(command)}\``).join(", ")}.`,
      ],
      tables: [timingTable(timings)],
      targets: [target(GENERATE), target(CHECK)],
    };
  } finally {
    copy.remove();
  }
}
