/** The command's exit codes: what CI reads. */
export const EXIT_VALID = 0;
/** At least one payload breaks the contract, or is not JSON. */
export const EXIT_INVALID = 1;
/** A usage error, an input that cannot be read, or nothing to validate. */
export const EXIT_USAGE = 2;
