import type { LookupAddress } from "node:dns";
import { describe, expect, it } from "vitest";
import { parseAddressList, parseIp } from "@/lib/security/ip-ranges";
import {
  checkLiteralAddress,
  deniedAddress,
  guardedLookup,
  hostAllowed,
  NOTHING_ALLOWED,
  type ProbeAllowList,
  type Resolver,
} from "./address-guard";

const allowList = (text: string) => parseAddressList(text, { hosts: true }) as ProbeAllowList;
const denied = (address: string, allow = NOTHING_ALLOWED) =>
  deniedAddress(parseIp(address)!, allow);

describe("the addresses a probe may not reach by default", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["127.255.0.9", "loopback"],
    ["::1", "loopback"],
    ["::ffff:127.0.0.1", "loopback"],
    ["0.0.0.0", "unspecified"],
    ["::", "unspecified"],
    ["10.1.2.3", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["192.168.1.1", "private"],
    ["fd12:3456::1", "private"],
    ["100.64.0.1", "shared (CGNAT)"],
    ["169.254.1.1", "link-local"],
    ["fe80::1", "link-local"],
    ["169.254.169.254", "cloud metadata"],
    ["fd00:ec2::254", "cloud metadata"],
    ["100.100.100.200", "cloud metadata"],
    ["224.0.0.1", "multicast"],
    ["255.255.255.255", "reserved"],
    // NAT64 and 6to4 addresses lead to the IPv4 address inside them.
    ["64:ff9b::7f00:1", "loopback"],
    ["2002:a9fe:a9fe::", "cloud metadata"],
  ])("%s is %s", (address, what) => {
    expect(denied(address)).toBe(what);
  });

  it.each(["93.184.216.34", "172.32.0.1", "100.128.0.1", "2606:4700::1111", "64:ff9b::5db8:d822"])(
    "%s is public",
    (address) => {
      expect(denied(address)).toBeUndefined();
    },
  );
});

describe("OPS_HUB_PROBE_ALLOW", () => {
  it("opens the ranges it names, and nothing next to them", () => {
    const allow = allowList("10.0.0.0/8,::1,127.0.0.1");
    expect(denied("10.20.30.40", allow)).toBeUndefined();
    expect(denied("::1", allow)).toBeUndefined();
    expect(denied("::ffff:10.0.0.1", allow)).toBeUndefined();
    expect(denied("127.0.0.1", allow)).toBeUndefined();
    expect(denied("127.0.0.2", allow)).toBe("loopback");
    expect(denied("192.168.0.1", allow)).toBe("private");
    expect(denied("169.254.169.254", allow)).toBe("cloud metadata");
  });

  it("opens a host by name, in any case, and no other", () => {
    const allow = allowList("gitea.internal");
    expect(hostAllowed("Gitea.Internal", allow)).toBe(true);
    expect(hostAllowed("gitea.internal.", allow)).toBe(true);
    expect(hostAllowed("evil.gitea.internal", allow)).toBe(false);
    expect(hostAllowed("127.0.0.1", allow)).toBe(false);
  });

  it("checks an address given as the URL's host", () => {
    expect(checkLiteralAddress("[::1]", NOTHING_ALLOWED)?.message).toMatch(
      /^::1 is a loopback address; probes may not reach it unless OPS_HUB_PROBE_ALLOW allows it$/,
    );
    expect(checkLiteralAddress("[::1]", allowList("::1"))).toBeUndefined();
    expect(checkLiteralAddress("gitea.internal", NOTHING_ALLOWED)).toBeUndefined();
  });
});

describe("the lookup handed to the request", () => {
  /** A resolver that answers each lookup with the next of `answers`. */
  function resolver(...answers: string[][]): Resolver {
    return (_hostname, _options, callback) =>
      callback(
        null,
        (answers.shift() ?? []).map((address) => ({
          address,
          family: address.includes(":") ? 6 : 4,
        })),
      );
  }
  function lookup(resolve: Resolver, all: boolean, allow = NOTHING_ALLOWED) {
    return new Promise<{ error: NodeJS.ErrnoException | null; address: unknown }>((done) =>
      guardedLookup(allow, resolve)("svc.example", { all }, (error, address) =>
        done({ error, address }),
      ),
    );
  }

  it("checks every lookup, so a name rebound to loopback is refused at connect time", async () => {
    const rebinding = resolver(["93.184.216.34"], ["127.0.0.1"]);
    expect(await lookup(rebinding, false)).toEqual({ error: null, address: "93.184.216.34" });
    const second = await lookup(rebinding, false);
    expect(second.error).toMatchObject({
      code: "PROBE_DENIED",
      message: expect.stringMatching(/^svc\.example resolves to 127\.0\.0\.1, a loopback address/),
    });
  });

  it("keeps only the reachable addresses of a name with several", async () => {
    const mixed = resolver(["10.0.0.5", "93.184.216.34", "fd00::5", "2606:4700::1111"]);
    const { error, address } = await lookup(mixed, true);
    expect(error).toBeNull();
    expect((address as LookupAddress[]).map((entry) => entry.address)).toEqual([
      "93.184.216.34",
      "2606:4700::1111",
    ]);
    const allowed = await lookup(resolver(["10.0.0.5"]), false, allowList("10.0.0.0/8"));
    expect(allowed).toEqual({ error: null, address: "10.0.0.5" });
  });

  it("passes on resolution errors as they are", async () => {
    const failing: Resolver = (_hostname, _options, callback) =>
      callback(Object.assign(new Error("nope"), { code: "ENOTFOUND" }), []);
    expect((await lookup(failing, false)).error?.code).toBe("ENOTFOUND");
  });
});
