/**
 * `npm run contract:diff -- <git-ref> [--format text|markdown|json] [--fail-on breaking]`: the contract
 * changes from generated/openapi.json at a git ref to the one in the working tree, each classified as
 * breaking or not for clients and for servers (diff.ts says how).
 *
 * Exit code: 0; 1 with `--fail-on breaking` when any change breaks clients or servers; 2 when the
 * arguments are wrong or a document cannot be read.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { repoRoot } from "../utils/index.js";
import { ContractDocumentError, readContractText } from "./contract.js";
import { compareContracts } from "./diff.js";
import { FORMATS, renderChanges, type Format } from "./format.js";

const USAGE = `usage: npm run contract:diff -- <git-ref> [--format ${FORMATS.join("|")}] [--fail-on breaking]`;
const OPENAPI = "generated/openapi.json";

/** Wrong arguments, or a ref or file that is not there: reported in one line, exit code 2. */
class InputError extends Error {}

interface Options {
  ref: string;
  format: Format;
  failOnBreaking: boolean;
}

function readOptions(argv: string[]): Options {
  let parsed: ReturnType<typeof parseOptions>;
  try {
    parsed = parseOptions(argv);
  } catch (error) {
    throw new InputError(`${(error as Error).message}\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) throw new InputError(`expected one git ref, got ${positionals.length}\n${USAGE}`);
  // git would read a leading dash as one of its own options.
  if (positionals[0]!.startsWith("-")) throw new InputError(`"${positionals[0]}" is not a git ref\n${USAGE}`);
  const format = values.format ?? "text";
  if (!(FORMATS as readonly string[]).includes(format)) throw new InputError(`unknown format "${format}"\n${USAGE}`);
  if (values["fail-on"] !== undefined && values["fail-on"] !== "breaking") {
    throw new InputError(`unknown --fail-on value "${values["fail-on"]}"; the one value is "breaking"\n${USAGE}`);
  }
  return { ref: positionals[0]!, format: format as Format, failOnBreaking: values["fail-on"] === "breaking" };
}

function parseOptions(argv: string[]) {
  const options = { format: { type: "string" }, "fail-on": { type: "string" } } as const;
  return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
}

function git(root: string, args: string[]) {
  const result = spawnSync("git", args, { cwd: root, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw new InputError(`cannot run git: ${result.error.message}`);
  return result;
}

/** The text of generated/openapi.json in the commit `ref` names. */
function openApiAt(root: string, ref: string): string {
  const commit = git(root, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]);
  if (commit.status !== 0) {
    const inRepository = git(root, ["rev-parse", "--git-dir"]).status === 0;
    const outside = `${root} is not in a git repository, so there is no ref "${ref}" to compare with`;
    throw new InputError(inRepository ? `unknown git ref "${ref}"` : outside);
  }
  // `<commit>:./<path>` is relative to the working directory, so the package may sit in a subfolder.
  const shown = git(root, ["show", `${commit.stdout.trim()}:./${OPENAPI}`]);
  if (shown.status !== 0) throw new InputError(`${OPENAPI} does not exist at ${ref}`);
  return shown.stdout;
}

function main(argv: string[]): number {
  const { ref, format, failOnBreaking } = readOptions(argv);
  if (!existsSync(join(repoRoot, OPENAPI))) throw new InputError(`${OPENAPI} does not exist; run \`npm run generate\` first`);
  const before = readContractText(openApiAt(repoRoot, ref), `${OPENAPI} at ${ref}`);
  const after = readContractText(readFileSync(join(repoRoot, OPENAPI), "utf8"), `${OPENAPI} in the working tree`);
  const changes = compareContracts(before, after);
  process.stdout.write(renderChanges(changes, format, ref));
  return failOnBreaking && changes.some((change) => change.breaks.clients || change.breaks.servers) ? 1 : 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  const known = error instanceof InputError || error instanceof ContractDocumentError;
  console.error(`contract:diff: ${known ? "" : "failed: "}${(error as Error).message}`);
  process.exitCode = 2;
}
