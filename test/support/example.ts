/** Fresh, mutable copies of the bundled examples, and the IDs they use. */
import { examples } from "../../src/index.js";

export const JOINED = "!726s6s6q:example.com";
export const INVITED = "!696r7674:example.com";
export const ALICE_JOIN = "$66697273743031:example.com";
export const BOB_JOIN = "$7365636s6r6432:example.com";
export const MESSAGE = "$74686972643033:example.com";

// The examples are typed as the spec's types; tests break them on purpose, so they get plain JSON.
export const exampleResponse = (): any => structuredClone(examples.SyncResponse);
