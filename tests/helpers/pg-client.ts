// One connection to a test server for SQL behind the app's back: making and dropping
// databases and roles, or looking at what the app wrote. Free of vitest, so the
// end-to-end specs (Playwright) use it as the integration suites do (through pg.ts).
import pg from 'pg';

/** Runs `fn` on a connection of its own to `url`, closed after. */
export async function onDatabase<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Runs each statement in turn on `url`. */
export function runSql(url: string, statements: readonly string[]): Promise<void> {
  return onDatabase(url, async (c) => {
    for (const sql of statements) await c.query(sql);
  });
}
