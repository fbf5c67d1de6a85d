/**
 * `npm run bench`: every benchmark, then bench/RESULTS.md. `npm run bench -- --quick` runs each on
 * tiny inputs once or twice, so that CI keeps the scripts working; it asserts nothing about time
 * and writes no results.
 */
import { writeFileSync } from "node:fs";
import { cpus, loadavg, platform, arch } from "node:os";
import { join } from "node:path";
import { buildCommand } from "./builds.js";
import { runBundleSizeBenchmark } from "./bundle-size-section.js";
import { runCommandBenchmark } from "./command.js";
import { runInvalidInputBenchmark } from "./invalid-input.js";
import { runMockBenchmark } from "./mock.js";
import { repoRoot } from "./payloads.js";
import { runProxyBenchmark } from "./proxy.js";
import { runRegenerationBenchmark } from "./regeneration.js";
import { markdownTable, type Section } from "./report.js";
import { runStartupBenchmark } from "./startup.js";
import { runValidationBenchmark } from "./validation.js";

function sectionMarkdown(section: Section): string {
  return [`## ${section.title}`, ...section.notes, ...section.tables].join("\n\n");
}

function machine(): string {
  const [cpu] = cpus();
  const load = loadavg()
    .map((value) => value.toFixed(1))
    .join(", ");
  return `Node ${process.version} on ${platform()} ${arch()}, ${cpus().length} × ${cpu?.model.trim() ?? "unknown CPU"} (load average at the start: ${load})`;
}

function resultsMarkdown(sections: Section[], startedOn: string, machineLine: string): string {
  const targets = sections.flatMap((section) =>
    section.targets.map((target) => [section.title.replace(/^\d+\. /, ""), target.target, target.measured, target.met ? "yes" : "**no**"]),
  );
  return [
    "# Benchmark results",
    `Run on ${startedOn} by \`npm run bench\`: ${machineLine}.`,
    "Every timing is the median of interleaved rounds: each round runs every candidate of a table once, in an order that rotates " +
      "from round to round, after warm-up rounds. The spread is the interquartile range as ± half its share of the median. " +
      "A ratio is the median over the rounds of the candidate's time over the baseline's time in the same round, so load that " +
      "comes and goes on a shared machine weighs on both sides.",
    "## Targets",
    markdownTable(["benchmark", "target", "measured", "met"], targets),
    ...sections.map(sectionMarkdown),
    "",
  ].join("\n\n");
}

async function main(argv: string[]): Promise<number> {
  const unknown = argv.filter((arg) => arg !== "--quick");
  if (unknown.length > 0) {
    console.error(`bench: unknown argument ${unknown[0]}; usage: npm run bench [-- --quick]`);
    return 2;
  }
  const quick = argv.includes("--quick");
  const startedOn = new Date().toISOString().slice(0, 10);
  const machineLine = machine();
  const sections: Section[] = [];
  const report = (section: Section) => {
    sections.push(section);
    console.log(`${sectionMarkdown(section)}\n`);
  };

  report(runValidationBenchmark(quick));
  report(runInvalidInputBenchmark(quick));
  report(await runStartupBenchmark(quick));
  const cli = await buildCommand();
  report(await runCommandBenchmark(quick, cli));
  report(runRegenerationBenchmark(quick));
  report(await runBundleSizeBenchmark(cli.distBuilt));
  report(await runMockBenchmark(quick, cli));
  report(await runProxyBenchmark(quick, cli));

  if (quick) {
    console.log("Quick run: every benchmark ran; bench/RESULTS.md is left as it was.");
  } else {
    writeFileSync(join(repoRoot, "bench", "RESULTS.md"), resultsMarkdown(sections, startedOn, machineLine));
    console.log("Wrote bench/RESULTS.md.");
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(`bench: ${(error as Error).stack ?? error}`);
    process.exitCode = 1;
  },
);
