/** A new, empty PostgreSQL database on the test server, for servers that must not share state. */
export async function freshDatabase(url: string, prefix: string): Promise<string> {
  const { default: pg } = await import("pg");
  const name = `${prefix}_${Date.now()}_${Math.random().toString(36).slice(2, 8)}`;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`create database ${name}`);
  await client.end();
  const fresh = new URL(url);
  fresh.pathname = `/${name}`;
  return fresh.toString();
}
