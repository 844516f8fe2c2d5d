import "server-only";
import { randomBytes } from "node:crypto";
import { dataPath, writeSecretFile } from "@/lib/data-dir";
import { getEnv } from "@/lib/env";
import { createUser, findUser } from "./users";

export const ADMIN_USERNAME = "admin";

/**
 * The first admin account. Its password is OPS_HUB_ADMIN_PASSWORD, or one
 * generated and written to <data dir>/initial-admin-password (0600): the log
 * names that file, never the password.
 */
export async function ensureAdminAccount(): Promise<void> {
  if (await findUser(ADMIN_USERNAME)) return;
  const fromEnv = getEnv().OPS_HUB_ADMIN_PASSWORD;
  const password = fromEnv ?? randomBytes(15).toString("base64url");
  await createUser(ADMIN_USERNAME, password, "admin");
  if (fromEnv) {
    console.info(
      `[ops-hub] created account "${ADMIN_USERNAME}" with the password from OPS_HUB_ADMIN_PASSWORD`,
    );
  } else {
    const file = dataPath("initial-admin-password");
    writeSecretFile(file, password);
    console.info(`[ops-hub] created account "${ADMIN_USERNAME}"; its password is in ${file}`);
  }
}
