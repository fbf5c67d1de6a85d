/** The command's name and its usage text, built from the generated contract. */
import { operation, schemaNames } from "../../generated/contract.js";
import { DEFAULT_MAX_ISSUES } from "../issues.js";
import { contractRules } from "../rule-options.js";
import { FIXTURE_EXTENSIONS } from "./inputs.js";
import { DEFAULT_MAX_INPUT_SIZE, formatSize, MAX_INPUT_SIZE } from "./input-size.js";

export const COMMAND = "matrix-sync-contract";

export const CONFIG_FILE = `${COMMAND}.config.json`;

export const FORMATS = ["pretty", "json", "junit", "github", "sarif"] as const;

const INDENT = " ".repeat(24);
const WIDTH = 96;

/** The names, comma-separated, in lines that fit the help's width. */
function wrapList(names: readonly string[]): string {
  const lines = [""];
  for (const [i, name] of names.entries()) {
    const item = `${name}${i < names.length - 1 ? "," : ""}`;
    if (lines.at(-1)!.length > 0 && INDENT.length + lines.at(-1)!.length + 1 + item.length > WIDTH) lines.push("");
    lines[lines.length - 1] += `${lines.at(-1)!.length > 0 ? " " : ""}${item}`;
  }
  return lines.map((line) => `${INDENT}${line}`).join("\n");
}

export function helpText(): string {
  const extensions = FIXTURE_EXTENSIONS.map((ext) => `*${ext}`).join(", ");
  return `Usage: ${COMMAND} <command> [options]

Commands:
  validate [paths...]   Check fixtures against the contract. A path is a file, a directory
                        (searched recursively for ${extensions}; hidden folders and
                        node_modules are skipped), a glob pattern, or - for standard input.
                        *.ndjson and *.jsonl files hold one payload per line.
  example [Name]        Print the bundled example of a schema (default ${operation.responseName}).
  rules [--format json] List each rule checked beside the schema: its id, default severity, the
                        spec's sentence it enforces, and real servers' known deviations.
  mock [options]        Serve a mock homeserver's ${operation.path} for testing clients (see mock --help).
  proxy --upstream <url> Check live ${operation.path} traffic to a homeserver as a reverse proxy (see proxy --help).

Options for validate:
  --schema <Name>       The schema the fixtures hold (default ${operation.responseName}). One of:
${wrapList(schemaNames)}
  --no-rules            Check the schema only, not the spec's prose rules.
  --rule <id=level>     Report a rule as error or warning, or turn it off; repeatable. One of:
${wrapList(contractRules.map((rule) => rule.id))}
  --strict              Also report each key the spec does not name (rule unknown-key, a
                        warning unless --rule says otherwise).
  --max-warnings <n>    Fail the run (exit 1) when more than n warnings were reported.
  --max-issues <n>      Report at most n issues per payload (default ${DEFAULT_MAX_ISSUES}).
  --format <format>     ${FORMATS.join(", ")} (default ${FORMATS[0]}). pretty is in
                        colour on a terminal: NO_COLOR=1 turns it off, FORCE_COLOR=1 on.
  --quiet               Report failures only.
  --jobs <n>            Check on n worker threads, at most one per core and per file; 1 checks
                        on the main thread alone (default: the main thread, joined by one
                        worker per other core when there are many files).
  --max-input-size <size>
                        The largest payload to check: a JSON file, standard input as one
                        document, or an NDJSON line; a larger one fails unread (default
                        ${formatSize(DEFAULT_MAX_INPUT_SIZE)}; a size in bytes, or with K, M or G for KiB, MiB or GiB;
                        at most ${MAX_INPUT_SIZE} bytes).
  --shard <i/n>         Check shard i of n (1/n to n/n) for n CI jobs: the files, sorted by
                        path, dealt out in turn, so that the shards check each file once.

Config: validate reads ${CONFIG_FILE} in the working directory or, when
there is none, the "${COMMAND}" key of ./package.json:
  { "rules": { "<id>": "off" | "warning" | "error" }, "strict": true, "maxWarnings": n,
    "maxIssues": n, "schema": "<Name>" }
(its JSON Schema: ${COMMAND}/config.schema.json). Flags win over the config, and
--rule over the config's level for its rule.

  -h, --help            Show this help.
  --version             Show the version.

Exit codes: 0 every payload is valid; 1 a payload is invalid (or is not JSON, not UTF-8, or
too large), or the reader of the report stopped before every input was checked; 2 a usage
error, an unreadable path, or no input matched.
`;
}
