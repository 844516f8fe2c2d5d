import "server-only";
import { closeSync, mkdirSync, openSync } from "node:fs";
import path from "node:path";
import {
  Kysely,
  Migrator,
  PostgresAdapter,
  PostgresDialect,
  SqliteDialect,
  sql,
  type SqliteDatabase,
  type SqliteStatement,
} from "kysely";
import { migrationProvider } from "./migrations";
import type { Database } from "./schema";

export type DatabaseConfig = { databaseUrl?: string; dataDir: string };
export type Db = Kysely<Database>;

/**
 * Opens ops-hub's database: PostgreSQL when a URL is given (several instances
 * can share it), else an embedded SQLite file in the data directory, in WAL
 * mode so readers never wait for the writer. Applies pending migrations.
 */
export async function openDatabase(config: DatabaseConfig): Promise<Db> {
  const db = await connectDatabase(config);
  const { error, results } = await new Migrator({
    db,
    provider: migrationProvider,
  }).migrateToLatest();
  const failed = results?.find((result) => result.status === "Error");
  if (error || failed) {
    await db.destroy();
    throw new Error(`Database migration ${failed?.migrationName ?? ""} failed: ${String(error)}`);
  }
  return db;
}

/** The database as it is, migrations not applied (for tests of a migration). */
export function connectDatabase(config: DatabaseConfig): Promise<Db> {
  return config.databaseUrl ? openPostgres(config.databaseUrl) : openSqlite(config.dataDir);
}

async function openSqlite(dataDir: string): Promise<Db> {
  // Loaded on demand so a PostgreSQL deployment never needs the native module.
  const { default: SQLite } = await import("better-sqlite3");
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = path.join(dataDir, "ops-hub.sqlite");
  // Created private first: SQLite gives its -wal and -shm files the same mode.
  closeSync(openSync(file, "a", 0o600));
  const database = new SQLite(file);
  database.pragma("journal_mode = WAL");
  database.pragma("synchronous = NORMAL");
  database.pragma("busy_timeout = 5000");
  database.pragma("foreign_keys = ON");
  return new Kysely<Database>({
    dialect: new SqliteDialect({ database: reusingStatements(database) }),
  });
}

const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely prepares every query anew; preparing costs SQLite more than running a
 * small query. The same SQL text gets the same prepared statement back (the
 * driver only runs `all`/`run`, which finish before the next query, so a
 * statement is never in use twice). Least recently used statements go first.
 */
function reusingStatements(database: SqliteDatabase): SqliteDatabase {
  const statements = new Map<string, SqliteStatement>();
  return {
    prepare(sql) {
      let statement = statements.get(sql);
      if (statement) statements.delete(sql);
      else statement = database.prepare(sql);
      statements.set(sql, statement);
      if (statements.size > STATEMENT_CACHE_SIZE)
        statements.delete(statements.keys().next().value!);
      return statement;
    },
    close: () => database.close(),
  };
}

async function openPostgres(connectionString: string): Promise<Db> {
  const { Pool } = await import("pg");
  return new Kysely<Database>({
    dialect: new PostgresDialect({
      pool: new Pool({
        connectionString,
        max: 10,
        // The planner's default assumes spinning disks: it then scans a
        // million events to join fifteen thousand of them by id (the latest
        // evidence of a hub). 1.1 is the usual figure for SSDs and caches.
        options: "-c random_page_cost=1.1",
      }),
    }),
  });
}

export function isPostgres(db: Kysely<Database>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

export async function pingDatabase(db: Db): Promise<void> {
  await sql`select 1`.execute(db);
}

/** COUNT(*) is a bigint in PostgreSQL, returned as a string: read it as a number. */
export function toCount(value: unknown): number {
  return Number(value ?? 0);
}
