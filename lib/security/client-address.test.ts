import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CLIENT_ADDRESS_HEADER, clientAddress, trustedForwarded } from "./client-address";
import { parseAddressList, type IpRange } from "./ip-ranges";

const STAMPED = Symbol.for("ops-hub.client-address-stamped");
const store = globalThis as Record<symbol, unknown>;
const ranges = (text: string) =>
  (parseAddressList(text, { hosts: false }) as { ranges: IpRange[] }).ranges;
const request = (peer: string | undefined, extra: Record<string, string> = {}) =>
  new Headers({ ...(peer ? { [CLIENT_ADDRESS_HEADER]: peer } : {}), ...extra });

describe("the client's address", () => {
  beforeEach(() => {
    store[STAMPED] = true;
  });
  afterEach(() => {
    delete store[STAMPED];
  });

  it("is the connection's peer; a client's X-Forwarded-For counts for nothing", () => {
    const headers = request("::ffff:198.51.100.7", { "x-forwarded-for": "203.0.113.1" });
    expect(clientAddress(headers, [])).toBe("198.51.100.7");
    expect(clientAddress(headers, ranges("10.0.0.0/8"))).toBe("198.51.100.7");
  });

  it("behind trusted proxies, is the nearest hop that is not one of them", () => {
    const trusted = ranges("127.0.0.1,10.0.0.0/8");
    expect(
      clientAddress(request("127.0.0.1", { "x-forwarded-for": "203.0.113.66" }), trusted),
    ).toBe("203.0.113.66");
    // A client's own entries sit to the left of what the proxies added.
    expect(
      clientAddress(
        request("127.0.0.1", { "x-forwarded-for": "198.51.100.1, 203.0.113.66, 10.0.0.3" }),
        trusted,
      ),
    ).toBe("203.0.113.66");
    expect(clientAddress(request("127.0.0.1"), trusted)).toBe("127.0.0.1");
    expect(
      clientAddress(request("127.0.0.1", { "x-forwarded-for": "junk, 10.0.0.3" }), trusted),
    ).toBe("10.0.0.3");
  });

  it("is unknown unless the production server stamped the request", () => {
    delete store[STAMPED];
    expect(clientAddress(request("198.51.100.7"), [])).toBeUndefined();
    store[STAMPED] = true;
    expect(clientAddress(request(undefined), [])).toBeUndefined();
    expect(clientAddress(request("not an address"), [])).toBeUndefined();
  });

  it("reads forwarding headers from trusted proxies only, the nearest proxy's value", () => {
    const trusted = ranges("127.0.0.1");
    const headers = { "x-forwarded-host": "evil.example, ops.example.org" };
    expect(trustedForwarded(request("127.0.0.1", headers), "x-forwarded-host", trusted)).toBe(
      "ops.example.org",
    );
    expect(
      trustedForwarded(request("198.51.100.7", headers), "x-forwarded-host", trusted),
    ).toBeUndefined();
  });
});
