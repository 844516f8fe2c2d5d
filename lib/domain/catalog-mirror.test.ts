import { describe, expect, it } from "vitest";
import { buildCatalogModel, type CatalogModel, type HubData } from "./catalog";
import { createCatalogMirror } from "./catalog-mirror";
import { evaluateWave } from "./gates";
import type { HubChange, InteractionEvent, Widget } from "./types";
import { annotation, bySlug, event, seedWidgets } from "@/test/fixtures";

const now = new Date("2026-11-29T12:00:00Z");
const hoursAgo = (hours: number) => new Date(now.getTime() - hours * 3_600_000);

/** What a person reads off a model: each row's environment, evidence and gaps, in list order. */
function shown(model: CatalogModel) {
  return {
    rows: model.rows.map((row) => ({
      slug: row.widget.slug,
      name: row.widget.name,
      environment: row.environment?.slug,
      evidence: row.evidence.state,
      gaps: row.gaps.map((gap) => `${gap.kind}: ${gap.detail}`),
    })),
    bySlug: [...model.rowBySlug.keys()].sort(),
    gaps: model.gaps.map((gap) => `${gap.widget.slug} ${gap.kind}`),
    openAnnotations: model.openAnnotations.map((a) => a.id).sort(),
    acceptances: model.acceptances.map((a) => a.event.id),
  };
}

let position = 0;
const change = <C extends Record<string, unknown>>(c: C) =>
  ({ position: `feed.${++position}`, at: now.toISOString(), ...c }) as unknown as HubChange;
const widgetChange = (action: "created" | "updated" | "deleted", widget: Widget) =>
  change({
    resource: "widget",
    action,
    id: widget.id,
    widgetId: widget.id,
    widget: action === "deleted" ? null : widget,
  });
const eventChange = (e: InteractionEvent) =>
  change({
    resource: "interaction-event",
    action: "created",
    id: e.id,
    widgetId: e.widgetId,
    event: e,
  });

/** Applies changes to a mirror and to plain data, and expects the mirror to show what a whole re-read shows. */
function follow(start: HubData) {
  const data: HubData = {
    widgets: [...start.widgets],
    latestEvents: [...start.latestEvents],
    annotations: [...start.annotations],
    riskEvents: [...(start.riskEvents ?? [])],
  };
  const mirror = createCatalogMirror(start);
  mirror.model(now);
  return {
    data,
    step(changes: HubChange[], reread: (data: HubData) => void) {
      mirror.apply(changes);
      reread(data);
      const fromMirror = shown(mirror.model(now));
      expect(fromMirror).toEqual(shown(buildCatalogModel(data, now)));
      return fromMirror;
    },
  };
}

describe("a catalog mirror following the change feed", () => {
  const widgets = seedWidgets();
  const registry = bySlug(widgets, "ops-endpoint-gitea-registry");
  const gitea = bySlug(widgets, "ops-service-gitea");

  it("shows what a whole re-read shows after events, items and annotations change", () => {
    const { step } = follow({ widgets, latestEvents: [], annotations: [] });

    // An endpoint verified: its own row and its service's "no fresh health" gap move.
    const verified = event(registry, "ops-endpoint-verified", hoursAgo(2), { outcome: "pass" });
    let view = step([eventChange(verified)], (d) => d.latestEvents.push(verified));
    const giteaRow = view.rows.find((row) => row.slug === gitea.slug)!;
    expect(giteaRow.gaps.some((gap) => gap.startsWith("no-fresh-health"))).toBe(false);
    expect(view.rows.find((row) => row.slug === registry.slug)!.evidence).toBe("fresh");

    // A newer failing verification replaces it; an older one arriving late does not.
    const failed = event(registry, "ops-endpoint-verified", hoursAgo(1), { outcome: "fail" });
    const late = event(registry, "ops-endpoint-verified", hoursAgo(5), { outcome: "pass" });
    view = step([eventChange(failed), eventChange(late), eventChange(failed)], (d) => {
      d.latestEvents = d.latestEvents.filter((e) => e.id !== verified.id).concat(failed);
    });
    expect(view.rows.find((row) => row.slug === registry.slug)!.evidence).toBe("failing");

    // A new endpoint for Gitea, then Gitea renamed: the list re-sorts, relations follow.
    const added: Widget = {
      ...registry,
      id: "w-new-endpoint",
      slug: "ops-endpoint-gitea-ssh",
      name: "Gitea SSH",
      metadata: { ...registry.metadata, url: "ssh://gitea.example:22" },
    };
    const renamed: Widget = { ...gitea, name: "Forge (Gitea)", version: 2 };
    step([widgetChange("created", added), widgetChange("updated", renamed)], (d) => {
      d.widgets = d.widgets.map((w) => (w.id === gitea.id ? renamed : w)).concat(added);
    });

    // A host deleted: what ran on it loses its environment and gets a broken reference.
    const host = widgets.find((w) => w.type === "ops-host")!;
    view = step([widgetChange("deleted", host)], (d) => {
      d.widgets = d.widgets.filter((w) => w.id !== host.id);
    });
    expect(view.gaps.some((gap) => gap.endsWith("broken-reference"))).toBe(true);

    // A gap annotation, then its resolution.
    const gap = annotation(gitea, "ops-backup-gap", "no restore test yet");
    const resolution = annotation(gitea, "ops-note", "restore tested", { resolves: gap.id });
    const annotationChange = (a: typeof gap) =>
      change({
        resource: "annotation",
        action: "created",
        id: a.id,
        widgetId: a.widgetId,
        annotation: a,
      });
    view = step([annotationChange(gap)], (d) => d.annotations.push(gap));
    expect(view.gaps).toContain(`${gitea.slug} open-annotation`);
    view = step([annotationChange(resolution)], (d) => d.annotations.push(resolution));
    expect(view.gaps).not.toContain(`${gitea.slug} open-annotation`);
  });

  it("rebuilds only the touched rows for an event, leaving the others as they were", () => {
    const mirror = createCatalogMirror({ widgets, latestEvents: [], annotations: [] });
    const before = mirror.model(now);
    mirror.apply([
      eventChange(event(registry, "ops-endpoint-verified", hoursAgo(1), { outcome: "pass" })),
    ]);
    const after = mirror.model(now);
    const changed = after.rows
      .filter((row, i) => row !== before.rows[i])
      .map((row) => row.widget.slug);
    expect(changed.sort()).toEqual([registry.slug, gitea.slug].sort());
  });

  it("counts an item created after the first model in the gates (no cache keyed by the living index)", () => {
    const mirror = createCatalogMirror({ widgets, latestEvents: [], annotations: [] });
    const wave = bySlug(widgets, "ops-migration-coulombcore-to-threephoenix");
    const runbooksGate = (model: CatalogModel) =>
      evaluateWave(wave, { ...model, latestEvents: model.latestByWidget, now }).gates.find(
        (gate) => gate.gate.slug === "ops-readiness-runbooks",
      )!;
    const before = runbooksGate(mirror.model(now));
    const covering = ["deploy", "restore", "rotate", "incident"].map((topic): Widget => ({
      ...registry,
      id: `w-runbook-${topic}`,
      type: "ops-runbook",
      slug: `ops-runbook-${topic}`,
      name: `Runbook: ${topic}`,
      metadata: { covers: [topic], location: "wiki" },
    }));
    mirror.apply(covering.map((runbook) => widgetChange("created", runbook)));
    const after = runbooksGate(mirror.model(now));
    expect(before.status).not.toBe("passed");
    expect(after.status).toBe("passed");
  });

  it("ages rows with the clock: each row is derived again when the clock changes it, and only then", () => {
    // Evidence that leaves its window, a cadence that falls overdue and an
    // overdue label that ticks ("1 hour ago", "2 hours ago") at different instants.
    const probed = {
      ...registry,
      metadata: { ...registry.metadata, probe: { cadenceSeconds: 300 } },
    };
    const estate = widgets.map((w) => (w.id === probed.id ? probed : w));
    const latestEvents = [
      event(probed, "ops-endpoint-verified", hoursAgo(3.5), { outcome: "fail" }),
      event(gitea, "ops-health-checked", hoursAgo(23), { outcome: "pass" }),
    ];
    const data = { widgets: estate, latestEvents, annotations: [] };
    const mirror = createCatalogMirror(data);
    let previous = mirror.model(now);
    const rederived: string[] = [];
    for (let minutes = 1; minutes <= 3 * 60; minutes++) {
      const at = new Date(now.getTime() + minutes * 60_000);
      const model = mirror.model(at);
      expect(shown(model), `${minutes} minutes on`).toEqual(shown(buildCatalogModel(data, at)));
      for (const row of model.rows.filter((row, i) => row !== previous.rows[i]))
        rederived.push(`${minutes} ${row.widget.slug}`);
      previous = model;
    }
    // Three hours of minutes: the overdue endpoint when its label turns "last
    // 4 hours ago", then 5 and 6; Gitea when its health check leaves its
    // window; no other row.
    expect(rederived).toEqual([
      `30 ${probed.slug}`,
      `61 ${gitea.slug}`,
      `90 ${probed.slug}`,
      `150 ${probed.slug}`,
    ]);
  });

  it("follows a move through what is already dirty: a cluster's new environment reaches two hops on", () => {
    const item = (type: string, slug: string, metadata: Record<string, unknown>): Widget => ({
      ...registry,
      id: `w-${slug}`,
      type,
      slug,
      name: slug,
      metadata,
    });
    const estate = [
      item("ops-environment", "env-a", {}),
      item("ops-environment", "env-b", {}),
      item("ops-cluster", "cluster", { environment: "env-a" }),
      item("ops-service", "service", { runsOn: "cluster" }),
      item("ops-endpoint", "endpoint", { service: "service" }),
    ];
    const { step } = follow({ widgets: estate, latestEvents: [], annotations: [] });
    const moved = { ...estate[2]!, metadata: { environment: "env-b" }, version: 2 };
    // The service's event makes it dirty before the walk from the cluster passes through it.
    const health = event(estate[3]!, "ops-health-checked", hoursAgo(1), { outcome: "pass" });
    const view = step([eventChange(health), widgetChange("updated", moved)], (d) => {
      d.widgets = d.widgets.map((w) => (w.id === moved.id ? moved : w));
      d.latestEvents.push(health);
    });
    expect(view.rows.find((row) => row.slug === "endpoint")!.environment).toBe("env-b");
  });
});
