import { describe } from "vitest";
import { openDatabase } from "@/lib/db/database";
import { leaseContract } from "@/test/lease-contract";

// Two instances on one PostgreSQL server: a probe runs once per cadence, not once per instance.
const databaseUrl = process.env.TEST_DATABASE_URL;

describe.skipIf(!databaseUrl)("probe leases on PostgreSQL", () => {
  leaseContract(async () => [
    await openDatabase({ databaseUrl, dataDir: "unused" }),
    await openDatabase({ databaseUrl, dataDir: "unused" }),
  ]);
});
