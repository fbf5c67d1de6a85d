// A typed client made by openapi-fetch from the package's `paths`.
import createClient from "openapi-fetch";
import { checkSyncResponse, type CheckResult, type SyncResponse } from "matrix-sync-contract";
import type { paths } from "matrix-sync-contract";

/** Compiles only when A and B are the same type. */
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

export interface SyncOutcome {
  status: number;
  /** The path and query the client asked for. */
  requested: string;
  check: CheckResult<SyncResponse>;
}

export async function syncOnce(homeserver: string): Promise<SyncOutcome> {
  const client = createClient<paths>({ baseUrl: `${homeserver}/_matrix/client/v2_alpha` });
  const { data, response } = await client.GET("/sync", { params: { query: { since: "s72594_4483_1934", timeout: 0 } } });
  // The body is typed as the named type, both ways round, and its fields as the spec says.
  const body: SyncResponse | undefined = data;
  const back: typeof data = body;
  const nextBatchIsString: Same<NonNullable<typeof data>["next_batch"], string | undefined> = true;
  void [back, nextBatchIsString];
  const url = new URL(response.url);
  return { status: response.status, requested: url.pathname + url.search, check: checkSyncResponse(body) };
}
