/** The lines `npm run generate` ends with: what the regeneration changed in the contract. */
import { ContractDocumentError, readContractText } from "./contract.js";
import { compareContracts } from "./diff.js";
import { renderChanges } from "./format.js";

const PREVIOUS = "the previous generated/openapi.json";

/**
 * The changes from the openapi.json that generated/ held (its text, or undefined when there was none)
 * to the one just generated. A previous file that cannot be read is reported in one line, not thrown:
 * the generation itself has succeeded.
 */
export function summarizeRegeneration(previousText: string | undefined, generatedText: string): string {
  if (previousText === undefined) return "contract diff: there is no previous generated/openapi.json to compare with\n";
  try {
    const before = readContractText(previousText, PREVIOUS);
    const after = readContractText(generatedText, "the generated openapi.json");
    return renderChanges(compareContracts(before, after), "text", PREVIOUS);
  } catch (error) {
    if (!(error instanceof ContractDocumentError)) throw error;
    return `contract diff: not compared, because ${error.message}\n`;
  }
}
