/** The helpers the generation stages and the contract diff share; they reach them through this module. */
export * from "./naming.js";
export * from "./run-alone.js";
export * from "./spec-error.js";
