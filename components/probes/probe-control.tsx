import type { Widget } from "@/lib/domain/types";
import { hasRole } from "@/lib/domain/roles";
import { getSessionUser } from "@/lib/auth/session";
import { probeTargets } from "@/lib/domain/probe-spec";
import { ProbeButton } from "./probe-button";

/** The item page's probe button: for items that declare a probe, and users who may run one. */
export async function ProbeControl({ widget }: { widget: Widget }) {
  if (probeTargets([widget]).targets.length === 0) return null;
  const user = await getSessionUser();
  if (!hasRole(user?.role, "operator")) return null;
  return <ProbeButton slug={widget.slug} />;
}
