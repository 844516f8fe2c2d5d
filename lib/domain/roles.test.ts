import { describe, expect, it } from "vitest";
import { hasRole, parseRoleMap, roleForGroups } from "./roles";

const map = { "ops-admins": "admin", "ops-approvers": "approver", ops: "operator" } as const;

describe("roles", () => {
  it("orders roles from viewer to admin", () => {
    expect(hasRole("admin", "operator")).toBe(true);
    expect(hasRole("operator", "approver")).toBe(false);
    expect(hasRole(undefined, "viewer")).toBe(false);
  });

  it("parses a group-to-role map", () => {
    expect(parseRoleMap("ops-admins=admin, ops-approvers=approver,ops=operator")).toEqual(map);
    expect(parseRoleMap("/team/ops=operator")).toEqual({ "/team/ops": "operator" });
  });

  it("says what is wrong with a bad map", () => {
    expect(parseRoleMap("ops")).toMatch(/group=role pairs/);
    expect(parseRoleMap("=admin")).toMatch(/group=role pairs/);
    expect(parseRoleMap("ops=root")).toMatch(/unknown role/);
    expect(parseRoleMap("ops=viewer,ops=admin")).toMatch(/twice/);
    expect(parseRoleMap(" , ")).toMatch(/at least one group/);
  });

  it("grants the strongest role any group maps to, whatever the order", () => {
    expect(roleForGroups(["staff", "ops"], map)).toBe("operator");
    expect(roleForGroups(["ops-admins", "ops"], map)).toBe("admin");
    expect(roleForGroups(["ops", "ops-approvers"], map)).toBe("approver");
    expect(roleForGroups("ops-approvers", map)).toBe("approver");
  });

  it("grants nothing without a mapped group, unless a default role is configured", () => {
    expect(roleForGroups(["staff"], map)).toBeUndefined();
    expect(roleForGroups(undefined, map)).toBeUndefined();
    expect(roleForGroups([42, { name: "ops" }], map)).toBeUndefined();
    expect(roleForGroups(["OPS"], map)).toBeUndefined(); // exact names only
    expect(roleForGroups(["constructor", "__proto__"], map)).toBeUndefined();
    expect(roleForGroups(["staff"], map, "viewer")).toBe("viewer");
    expect(roleForGroups(["ops"], map, "viewer")).toBe("operator");
  });
});
