/** `example [Name]`: a bundled example, as the starting point for a new fixture. */
import type { SchemaName } from "../../generated/types.js";
import { UsageError } from "./args.js";

export async function exampleText(name: SchemaName): Promise<string> {
  // Loaded only for this command: the examples are the largest part of the contract.
  const { examples } = await import("../../generated/examples.js");
  if (!Object.hasOwn(examples, name)) {
    throw new UsageError(`the spec has no example of ${name}; it has examples of: ${Object.keys(examples).join(", ")}`);
  }
  return `${JSON.stringify(examples[name as keyof typeof examples], null, 2)}\n`;
}
