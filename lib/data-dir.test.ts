import { chmodSync, mkdtempSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { persistentSecret, readSecretFile, writeSecretFile } from "./data-dir";

describe("secret files", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "ops-hub-secrets-"));

  it("are written 0600 and read back", () => {
    const file = path.join(dir, "keys", "a.key");
    writeSecretFile(file, "ihk_12345678_value");
    expect((statSync(file).mode & 0o777).toString(8)).toBe("600");
    expect(readSecretFile(file)).toBe("ihk_12345678_value");
  });

  it("are refused when others can read them, with the fix in the message but not the secret", () => {
    const file = path.join(dir, "loose.key");
    writeFileSync(file, "ihk_12345678_topsecretvalue\n");
    chmodSync(file, 0o644);
    expect(() => readSecretFile(file)).toThrow(
      `${file} is readable by others (mode 644); run: chmod 600 ${file}`,
    );
    expect(() => readSecretFile(file)).not.toThrow(/topsecret/);
  });

  it("prefer the environment, else keep the first generated value", () => {
    const file = path.join(dir, "auth-secret");
    expect(persistentSecret(file, "from-env", () => "generated")).toBe("from-env");
    expect(persistentSecret(file, undefined, () => "generated-1")).toBe("generated-1");
    expect(persistentSecret(file, undefined, () => "generated-2")).toBe("generated-1");
  });
});
