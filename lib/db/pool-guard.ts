import type { Pool, PoolClient } from "pg";

/**
 * drizzle-orm's node-postgres transactions take a client from the pool and send BEGIN before
 * their try/finally: when BEGIN fails (the connection died with a PostgreSQL restart or failover,
 * a setting was refused) the client is never given back. Each such failure costs the pool one
 * connection for good; a few restarts later every query waits for a connection that never comes,
 * and shutdown waits forever for the pool to drain.
 *
 * This gives the client back, marked broken, when a BEGIN on it fails, and makes a second
 * release of the same checkout harmless.
 */
export function releaseClientsOnFailedBegin(pool: Pool): Pool {
  const connect = pool.connect.bind(pool) as (callback?: (...args: unknown[]) => void) => Promise<PoolClient> | void;
  (pool as unknown as { connect: typeof connect }).connect = (callback) => {
    // The callback form is pg's own pool.query, which always releases: leave it alone.
    if (typeof callback === "function") return connect(callback);
    return (connect() as Promise<PoolClient>).then(guardCheckout);
  };
  return pool;
}

const BEGIN = /^\s*begin\b/i;

function guardCheckout(client: PoolClient): PoolClient {
  const release = client.release;
  let released = false;
  client.release = ((error?: Error | boolean) => {
    if (released) return;
    released = true;
    release(error);
  }) as PoolClient["release"];
  // Replaced on every checkout (never wrapped twice): the prototype's query is the real one.
  const query = Object.getPrototypeOf(client).query as (...args: unknown[]) => unknown;
  client.query = ((...args: unknown[]) => {
    const result = query.apply(client, args);
    const config = args[0] as string | { text?: string } | undefined;
    const text = typeof config === "string" ? config : config?.text;
    if (typeof text === "string" && BEGIN.test(text) && result instanceof Promise) {
      return result.catch((error: unknown) => {
        client.release(error instanceof Error ? error : new Error(String(error)));
        throw error;
      });
    }
    return result;
  }) as PoolClient["query"];
  return client;
}
