/**
 * Property: the generated types accept what the validators accept, literals included. Payloads from
 * the arbitraries of matrix-sync-contract/testing (valid for their schema, open objects carrying keys
 * their schemas do not list) are written as object literals typed by their schema's named type into
 * one probe module, and one in-memory TypeScript program, with the project's strictness, checks them all.
 */
import fc from "fast-check";
import { join } from "node:path";
import ts from "typescript";
import { expect, test } from "vitest";
import { schemaNames } from "../generated/contract.js";
import type { SchemaName } from "../generated/types.js";
import { arbitraries } from "../src/testing/index.js";
import { checkFor } from "./support/arbitrary-contract.js";
import { propertyParameters, runsFor, timeoutFor } from "./support/arbitrary-runs.js";
import { repoRoot } from "./support/repo-copy.js";

/** Payloads per named schema in CI. */
const PER_SCHEMA = 60;
const PROBE = join(repoRoot, "test", "type-literals.probe.ts");

interface Sample {
  name: SchemaName;
  value: unknown;
}

/** The probe module: after its import, one line per sample, a constant typed by its schema's type, the literal written as JSON. */
function probeModule(samples: readonly Sample[]): string {
  const declarations = samples.map(
    ({ name, value }, i) => `export const sample${i}: SchemaTypes[${JSON.stringify(name)}] = ${JSON.stringify(value)};`,
  );
  return ['import type { SchemaTypes } from "../generated/types.js";', ...declarations, ""].join("\n");
}

/** Type-checks `text` as the probe, against the repository's generated/types.ts: one program, the project's strict options. */
function typeCheckProbe(text: string): readonly ts.Diagnostic[] {
  const config = ts.readConfigFile(join(repoRoot, "tsconfig.json"), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, repoRoot);
  // Literals need no Node or DOM declarations; leaving them out keeps the one program small.
  const probeOptions = { ...options, types: [], lib: ["lib.es2023.d.ts"], noEmit: true };
  const host = ts.createCompilerHost(probeOptions);
  const { getSourceFile, fileExists, readFile } = host;
  host.getSourceFile = (file, language, ...rest) =>
    file === PROBE ? ts.createSourceFile(file, text, language) : getSourceFile.call(host, file, language, ...rest);
  host.fileExists = (file) => file === PROBE || fileExists.call(host, file);
  host.readFile = (file) => (file === PROBE ? text : readFile.call(host, file));
  const program = ts.createProgram({ rootNames: [PROBE], options: probeOptions, host });
  return [...program.getSyntacticDiagnostics(), ...program.getSemanticDiagnostics()];
}

test(
  "arbitrary valid payloads of every named schema type-check as literals of its type",
  { timeout: timeoutFor(PER_SCHEMA, 60_000) },
  () => {
    const { seed } = propertyParameters(PER_SCHEMA);
    const samples: Sample[] = (schemaNames as SchemaName[]).flatMap((name) =>
      fc.sample(arbitraries[name](), { numRuns: runsFor(PER_SCHEMA), seed }).map((value) => ({ name, value })),
    );
    // The samples are what the validators accept, keys beyond the listed ones included.
    expect(samples.filter(({ name, value }) => !checkFor(name)(value).valid)).toEqual([]);
    expect(samples.some(({ value }) => JSON.stringify(value).includes('"__proto__"'))).toBe(true);

    const diagnostics = typeCheckProbe(probeModule(samples));
    const failures = diagnostics.slice(0, 5).map((diagnostic) => {
      const line = diagnostic.file?.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line ?? 0;
      const sample = samples[line - 1];
      const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, " ");
      return `${sample?.name}: ${message}\n${JSON.stringify(sample?.value)}`;
    });
    expect(failures).toEqual([]);
  },
);
