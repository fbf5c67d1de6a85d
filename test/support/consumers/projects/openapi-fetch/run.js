// Runs the compiled client against the homeserver URL given as the only argument.
import { syncOnce } from "./out/client.js";

console.log(JSON.stringify(await syncOnce(process.argv[2])));
