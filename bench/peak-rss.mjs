// Preloaded with `node --import`: when the process exits, writes its peak resident set size in
// kilobytes to the file named by BENCH_PEAK_RSS_FILE. Worker threads count; child processes do not.
import { writeFileSync } from "node:fs";

const file = process.env.BENCH_PEAK_RSS_FILE;
if (file) process.on("exit", () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
