import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CLIENT_ADDRESS_HEADER } from "./client-address";
import { parseAddressList, type IpRange } from "./ip-ranges";
import { publicOrigin, servedOverHttps, withPublicOriginHeaders } from "./public-origin";

const STAMPED = Symbol.for("ops-hub.client-address-stamped");
const store = globalThis as Record<symbol, unknown>;
const proxies = (parseAddressList("10.0.0.2", { hosts: false }) as { ranges: IpRange[] }).ranges;
const forged = {
  host: "localhost:3000",
  "x-forwarded-host": "evil.example",
  "x-forwarded-proto": "https",
};
const from = (peer: string, headers: Record<string, string>) =>
  new Headers({ [CLIENT_ADDRESS_HEADER]: peer, ...headers });

describe("the public origin", () => {
  beforeEach(() => {
    store[STAMPED] = true;
  });
  afterEach(() => {
    delete store[STAMPED];
  });

  it("ignores forwarding headers from a client that is not a trusted proxy", () => {
    const settings = { trustedProxies: proxies };
    const headers = from("198.51.100.7", forged);
    expect(publicOrigin(headers, "http", settings)).toBe("http://localhost:3000");
    expect(servedOverHttps(headers, "http", settings)).toBe(false);
  });

  it("takes them from a trusted proxy", () => {
    const settings = { trustedProxies: proxies };
    const headers = from("10.0.0.2", { ...forged, "x-forwarded-host": "ops.example.org" });
    expect(publicOrigin(headers, "http", settings)).toBe("https://ops.example.org");
    expect(servedOverHttps(headers, "http", settings)).toBe(true);
  });

  it("is the public URL when one is set, whoever asks", () => {
    const settings = { publicUrl: "https://ops.example.org", trustedProxies: proxies };
    for (const peer of ["198.51.100.7", "10.0.0.2"]) {
      expect(publicOrigin(from(peer, forged), "http", settings)).toBe("https://ops.example.org");
      expect(servedOverHttps(from(peer, forged), "http", settings)).toBe(true);
    }
  });

  it("refuses a Host that could carry a path or credentials", () => {
    const settings = { trustedProxies: [] };
    for (const host of ["evil.example/x", "user@evil.example", "a b", ""])
      expect(publicOrigin(from("198.51.100.7", { host }), "http", settings), host).toBeUndefined();
    expect(publicOrigin(from("198.51.100.7", { host: "[::1]:3000" }), "http", settings)).toBe(
      "http://[::1]:3000",
    );
  });

  it("rewrites the forwarding headers downstream code reads", () => {
    const headers = withPublicOriginHeaders(new Headers(forged), "http://localhost:3000");
    expect(headers.get("x-forwarded-host")).toBe("localhost:3000");
    expect(headers.get("x-forwarded-proto")).toBe("http");
    const none = withPublicOriginHeaders(new Headers(forged), undefined);
    expect(none.has("x-forwarded-host")).toBe(false);
  });
});
