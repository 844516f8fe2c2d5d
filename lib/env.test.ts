import { describe, expect, it } from "vitest";
import { InvalidEnvError, parseEnv } from "./env";

describe("configuration", () => {
  it("starts with no variables at all, on the embedded defaults", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({
      OPS_HUB_DATA_DIR: "./data",
      OPS_HUB_HUB_SLUG: "ops-hub",
      INTERHUB_TIMEOUT_MS: 10_000,
    });
    expect(env.INTERHUB_URL).toBeUndefined();
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it("names each bad variable, and never echoes a value", () => {
    const error = (() => {
      try {
        parseEnv({
          INTERHUB_URL: "ftp://hub",
          DATABASE_URL: "mysql://u:hunter2@db/x",
          AUTH_SECRET: "short",
          INTERHUB_TIMEOUT_MS: "soon",
        });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(InvalidEnvError);
    const message = (error as Error).message;
    for (const name of ["INTERHUB_URL", "DATABASE_URL", "AUTH_SECRET", "INTERHUB_TIMEOUT_MS"])
      expect(message).toContain(name);
    expect(message).not.toContain("hunter2");
  });

  it("requires a key for a remote Inter-Hub, from one source only", () => {
    expect(() => parseEnv({ INTERHUB_URL: "https://hub.example.org" })).toThrow(
      /OPS_HUB_KEY is required/,
    );
    expect(() =>
      parseEnv({
        INTERHUB_URL: "https://hub.example.org",
        OPS_HUB_KEY: "k",
        OPS_HUB_KEY_FILE: "/k",
      }),
    ).toThrow(/OPS_HUB_KEY_FILE conflicts/);
    expect(
      parseEnv({ INTERHUB_URL: "https://hub.example.org", OPS_HUB_KEY_FILE: "/run/key" })
        .OPS_HUB_KEY_FILE,
    ).toBe("/run/key");
  });

  it("treats empty variables as unset", () => {
    expect(parseEnv({ DATABASE_URL: "", INTERHUB_URL: " " }).DATABASE_URL).toBeUndefined();
  });
});
