import { describe, expect, it } from "vitest";
import {
  formatIp,
  formatIpRange,
  inRange,
  parseAddressList,
  parseIp,
  parseIpRange,
  type Ip,
} from "./ip-ranges";

const ip = (text: string) => parseIp(text)!;
const range = (text: string) => parseIpRange(text)!;

describe("IP addresses", () => {
  it("parses IPv4 strictly", () => {
    expect(formatIp(ip("10.0.0.1"))).toBe("10.0.0.1");
    for (const bad of ["10.0.0", "10.0.0.256", "010.0.0.1", "1.2.3.4.5", "a.b.c.d", ""])
      expect(parseIp(bad), bad).toBeUndefined();
  });

  it("parses IPv6 in every spelling, with brackets and zones", () => {
    expect(formatIp(ip("::1"))).toBe("::1");
    expect(formatIp(ip("[::1]"))).toBe("::1");
    expect(formatIp(ip("0:0:0:0:0:0:0:1"))).toBe("::1");
    expect(formatIp(ip("FE80::1%eth0"))).toBe("fe80::1");
    expect(formatIp(ip("2001:db8:0:0:1:0:0:1"))).toBe("2001:db8::1:0:0:1");
    expect(formatIp(ip("64:ff9b::10.0.0.1"))).toBe("64:ff9b::a00:1");
    for (const bad of ["1::2::3", ":::", "12345::", "1:2:3:4:5:6:7:8:9", "::g", "fe80::1%"])
      expect(parseIp(bad), bad).toBeUndefined();
  });

  it("takes an IPv4-mapped IPv6 address for the IPv4 address it maps", () => {
    expect(ip("::ffff:127.0.0.1")).toEqual<Ip>({ family: 4, value: 0x7f000001n });
    expect(ip("::ffff:7f00:1")).toEqual(ip("127.0.0.1"));
    expect(inRange(ip("::ffff:10.1.2.3"), range("10.0.0.0/8"))).toBe(true);
  });
});

describe("CIDR ranges", () => {
  it("matches addresses of its own family only", () => {
    expect(inRange(ip("10.255.0.1"), range("10.0.0.0/8"))).toBe(true);
    expect(inRange(ip("11.0.0.1"), range("10.0.0.0/8"))).toBe(false);
    expect(inRange(ip("fd12::1"), range("fc00::/7"))).toBe(true);
    expect(inRange(ip("fe80::1"), range("fc00::/7"))).toBe(false);
    expect(inRange(ip("10.0.0.1"), range("::/0"))).toBe(false);
    expect(inRange(ip("192.0.2.7"), range("192.0.2.7"))).toBe(true);
    expect(inRange(ip("192.0.2.8"), range("192.0.2.7"))).toBe(false);
    expect(inRange(ip("10.9.9.9"), range("::ffff:10.0.0.0/104"))).toBe(true);
  });

  it("refuses host bits, bad prefixes and non-addresses", () => {
    for (const bad of ["10.0.0.1/8", "10.0.0.0/33", "::/129", "10.0.0.0/", "10.0.0.0/8/8", "x/8"])
      expect(parseIpRange(bad), bad).toBeUndefined();
    expect(formatIpRange(range("fd00::/8"))).toBe("fd00::/8");
    expect(formatIpRange(range("10.0.0.0/8"))).toBe("10.0.0.0/8");
  });
});

describe("address lists", () => {
  it("reads addresses, ranges and (where allowed) host names", () => {
    const list = parseAddressList(" 10.0.0.0/8, gitea.internal ,::1, Registry.Example.ORG.", {
      hosts: true,
    });
    expect(list).toEqual({
      ranges: [range("10.0.0.0/8"), range("::1")],
      hosts: ["gitea.internal", "registry.example.org"],
    });
    expect(parseAddressList("", { hosts: true })).toEqual({ ranges: [], hosts: [] });
  });

  it("names the first bad entry: a mistyped address is not taken for a host", () => {
    expect(parseAddressList("10.0.0.0/8,10.0.0.300", { hosts: true })).toEqual({
      bad: "10.0.0.300",
    });
    expect(parseAddressList("10.0.0.0/33", { hosts: true })).toEqual({ bad: "10.0.0.0/33" });
    expect(parseAddressList("proxy.internal", { hosts: false })).toEqual({
      bad: "proxy.internal",
    });
    expect(parseAddressList("http://x", { hosts: true })).toEqual({ bad: "http://x" });
  });
});
