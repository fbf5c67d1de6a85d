/**
 * Benchmark 5: `npm run generate` and `npm run generate -- --check`, in a throwaway copy of the
 * repository so that the working tree is never written to. Before each timed run that writes, a
 * description in the copy's spec is edited (one way, then back), so the run has files to write and
 * type-checks them first; the run with nothing to change, and `--check`, compare files only.
 */
import { copyRepo, type RepoCopy } from "../test/support/repo-copy.js";
import { compare, type Plan } from "./measure.js";
import { commandCandidate, displayCommand, type Command } from "./processes.js";
import { byName, formatMs, timingTable, type Section, type Target } from "./report.js";

const BASELINE = "npm and tsx starting, running nothing";
const GENERATE = "npm run generate after a spec edit (type-checks, writes)";
const UNCHANGED = "npm run generate with nothing to change";
const CHECK = "npm run generate -- --check";
const LIMIT_MS = 4000;

export function runRegenerationBenchmark(quick: boolean): Section {
  const copy = copyRepo();
  try {
    const npm = (...args: string[]): Command => ({ program: "npm", args, cwd: copy.root });
    const commands: [string, Command][] = [
      [BASELINE, npm("exec", "--offline", "--", "tsx", "--eval", "")],
      [GENERATE, npm("run", "generate")],
      [UNCHANGED, npm("run", "generate")],
      [CHECK, npm("run", "generate", "--", "--check")],
    ];
    const candidates = commands.map(([name, command]) => commandCandidate(name, command));
    candidates[1]!.prepare = () => editSpec(copy);
    const plan: Plan = quick ? { warmupRounds: 0, rounds: 1, minSampleMs: 0 } : { warmupRounds: 1, rounds: 7, minSampleMs: 0 };
    const timings = compare(candidates, plan);
    const target = (name: string, command: string): Target => {
      const { median } = byName(timings, name);
      return { target: `${command} under 4 s`, measured: formatMs(median), met: median < LIMIT_MS };
    };
    return {
      title: "5. Regeneration",
      notes: [
        "Wall time of each command, spawned in a throwaway copy of the repository (spec/, scripts/, lib/, src/, generated/, package.json; " +
          "node_modules linked). Before each timed run after a spec edit, a description in the copy's spec/sync.yaml is edited, so " +
          "the run type-checks what it is about to write and writes it; the other runs find generated/ up to date. " +
          "The baseline is what every `npm run` of a TypeScript script pays before the script does anything.",
        `Commands (in the copy): ${commands.map(([, command]) => `\`${displayCommand(command)}\``).join(", ")}.`,
      ],
      tables: [timingTable(timings)],
      targets: [
        target(GENERATE, "`npm run generate` after a spec edit"),
        target(UNCHANGED, "`npm run generate` with nothing to change"),
        target(CHECK, "`npm run generate -- --check`"),
      ],
    };
  } finally {
    copy.remove();
  }
}

const EDITED = ["A point in time to continue a sync from.", "A point in time to continue the sync from."];

/** Edits a description in the copy's spec, one way or back, so that the next run has files to write. */
function editSpec(copy: RepoCopy): void {
  const [from, to] = copy.read("spec/sync.yaml").includes(EDITED[0]!) ? EDITED : [...EDITED].reverse();
  copy.edit("spec/sync.yaml", from!, to!);
}
