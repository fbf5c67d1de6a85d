// A plain node:http server answering every request with the same file as JSON: the floor the mock's
// throughput is read against, and the upstream of the proxy benchmark. Prints its address first,
// as the command does. Usage: node bench/mock-floor.mjs <file>
import { readFileSync } from "node:fs";
import { createServer } from "node:http";

const body = readFileSync(process.argv[2]);
const server = createServer((_req, res) => {
  res.writeHead(200, { "content-type": "application/json", "content-length": body.length }).end(body);
});
server.listen(0, "127.0.0.1", () => process.stdout.write(`listening on http://127.0.0.1:${server.address().port}\n`));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
