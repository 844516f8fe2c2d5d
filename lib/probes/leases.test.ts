import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe } from "vitest";
import { openDatabase } from "@/lib/db/database";
import { leaseContract } from "@/test/lease-contract";

describe("probe leases on SQLite", () => {
  leaseContract(async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "ops-hub-leases-"));
    return [await openDatabase({ dataDir }), await openDatabase({ dataDir })];
  });
});
