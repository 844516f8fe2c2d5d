import "server-only";
import { cache } from "react";
import type { GateRiskContext } from "@/components/forms/risk-forms";
import { MAX_ACCEPTANCE_DAYS } from "@/lib/actions/form-schemas";
import { getHubVocabulary } from "@/lib/data/queries";
import { getCatalogModel } from "@/lib/data/snapshot";
import { gatePolicyScope } from "@/lib/domain/gate-policy";
import { DAY_MS } from "@/lib/domain/time";
import { gateChoices } from "./risk-choices";

/**
 * What "Accept risk…" on a gate needs, read once per request however many
 * gates show the button: the hub's policy scopes, the gates an acceptance
 * may cover, the date bounds, and each gate's own policy scope to fill in.
 */
export const getGateRiskSetup = cache(
  async (): Promise<{ context: GateRiskContext; scopes: Record<string, string | undefined> }> => {
    const [model, vocabulary] = await Promise.all([getCatalogModel(), getHubVocabulary()]);
    const now = new Date();
    const { bySlug, widgets } = model.index;
    const scopes = Object.fromEntries(
      widgets
        .filter((w) => w.type === "ops-readiness-gate")
        .map((gate) => {
          const wave = bySlug.get(String(gate.metadata.wave ?? ""));
          return [gate.slug, gatePolicyScope(gate, wave, vocabulary.policyScopes)];
        }),
    );
    return {
      context: {
        policyScopes: vocabulary.policyScopes,
        items: gateChoices(model.index),
        today: now.toISOString().slice(0, 10),
        latest: new Date(now.getTime() + MAX_ACCEPTANCE_DAYS * DAY_MS).toISOString().slice(0, 10),
      },
      scopes,
    };
  },
);
