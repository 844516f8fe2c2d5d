import { randomUUID } from "node:crypto";
import type { hubCreateRequest, ListQuery } from "@/lib/interhub/wire";
import { HubFault } from "../faults";
import * as toWire from "../to-wire";
import {
  orderBy,
  pageOf,
  requireFramework,
  requireScope,
  type HubContext,
  type Principal,
  type RequestBody,
} from "./context";

export function createHubs({ db, now, findHub, requireHub }: HubContext) {
  async function listHubs(query: ListQuery) {
    let base = db.selectFrom("hubs");
    if (query.q)
      base = base.where((eb) =>
        eb.or([eb("name", "like", `%${query.q}%`), eb("slug", "like", `%${query.q}%`)]),
      );
    return pageOf(base, query, orderBy("hubs", query.sort, "name"), toWire.hub);
  }

  async function getHub(principal: Principal | null, idOrSlug: string) {
    requireFramework(principal);
    return toWire.hub(await requireHub(idOrSlug));
  }

  async function createHub(
    principal: Principal | null,
    body: RequestBody<typeof hubCreateRequest>,
  ) {
    requireScope(principal, "framework:admin");
    if (await findHub(body.slug))
      throw HubFault.conflict("hub_exists", `a hub with slug ${body.slug} exists`);
    const row = {
      id: randomUUID(),
      name: body.name,
      slug: body.slug,
      domain: body.domain ?? null,
      hub_kind: body.hub_kind,
      hub_family: body.hub_family ?? null,
      vsm_function: body.vsm_function ?? null,
      vsm_system: body.vsm_system == null ? null : String(body.vsm_system),
      created_at: now(),
    };
    await db.insertInto("hubs").values(row).execute();
    return toWire.hub(row);
  }

  return { listHubs, getHub, createHub };
}

export type Hubs = ReturnType<typeof createHubs>;
