// No zod here: client components import this module (ROLES, hasRole).

/** Roles, weakest first; each may do what the ones before it may. */
export const ROLES = ["viewer", "operator", "approver", "admin"] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return (ROLES as readonly unknown[]).includes(value);
}

export function hasRole(role: Role | undefined, needed: Role): boolean {
  return role !== undefined && ROLES.indexOf(role) >= ROLES.indexOf(needed);
}

/** An identity provider's group names and the ops-hub role each one grants. */
export type RoleMap = Record<string, Role>;

/**
 * Parses `ops-admins=admin,ops-approvers=approver,ops=operator`; returns the
 * problem as text when it is malformed (a group listed twice, an unknown role).
 */
export function parseRoleMap(text: string): RoleMap | string {
  const map: RoleMap = {};
  for (const entry of text.split(",")) {
    if (entry.trim() === "") continue;
    const at = entry.lastIndexOf("=");
    const group = entry.slice(0, Math.max(at, 0)).trim();
    const role = entry.slice(at + 1).trim();
    if (at < 1 || group === "") return `must be group=role pairs separated by commas`;
    if (!isRole(role)) return `maps ${group} to an unknown role (use ${ROLES.join(", ")})`;
    if (Object.hasOwn(map, group)) return `lists the group ${group} twice`;
    map[group] = role;
  }
  return Object.keys(map).length > 0 ? map : "must map at least one group to a role";
}

/**
 * The strongest role any of the user's groups grants, else `fallback`
 * (undefined: no role, so no sign-in). Groups are matched exactly; a claim
 * that is not a list of strings counts as no groups.
 */
export function roleForGroups(groups: unknown, map: RoleMap, fallback?: Role): Role | undefined {
  const names = Array.isArray(groups)
    ? groups.filter((group): group is string => typeof group === "string")
    : typeof groups === "string"
      ? [groups]
      : [];
  let best: Role | undefined;
  for (const name of names) {
    const role = Object.hasOwn(map, name) ? map[name] : undefined;
    if (role && (!best || hasRole(role, best))) best = role;
  }
  return best ?? fallback;
}
