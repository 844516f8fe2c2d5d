#!/usr/bin/env node
// `npm run bench:read-model`: what one change costs the read model
// (lib/domain/catalog-mirror.ts) at 1,000, 10,000 and 100,000 items, against
// the whole derivation it replaces, measured in the same run. An estate from
// the bench's generator (scripts/bench/estate.mjs) with the latest event of
// each series; then, per size: deriving the model whole (the baseline: what
// every change cost before), and applying one event, one annotation and one
// item change to a mirror and deriving the next model, median of many runs,
// on a clock that stands still; then what a second of the clock costs (the
// mirror re-derives the rows whose evidence the clock changed meanwhile), and
// what judging the wave's gate board again costs after an event and after an
// item change.
// Prints a table and the growth factor per ×10; a measurement, never a test.
//
//   node scripts/bench/read-model.mjs [--sizes 1000,10000,100000] [--runs 200]
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { createJiti } from "jiti";
import { planEstate } from "./estate.mjs";
import { median } from "./http.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const jiti = createJiti(import.meta.url, { alias: { "@": root } });
const { createCatalogMirror } = await jiti.import(path.join(root, "lib/domain/catalog-mirror.ts"));
const { evaluateWave } = await jiti.import(path.join(root, "lib/domain/gates.ts"));
const WAVE = "ops-migration-coulombcore-to-threephoenix";

const { values: args } = parseArgs({
  options: {
    sizes: { type: "string", default: "1000,10000,100000" },
    runs: { type: "string", default: "200" },
  },
});
const sizes = args.sizes.split(",").map(Number);
const runs = Number(args.runs);

/** The estate as the app's own shapes: widgets and the latest event per widget and type. */
function hubData(widgets) {
  const plan = planEstate({ seeded: [], widgets, events: widgets * 10, seed: 1 });
  const latest = new Map();
  for (const row of plan.rows())
    if (row.event) latest.set(`${row.event.widget_id}\n${row.event.event_type}`, row.event);
  const now = new Date().toISOString();
  // The wave the estate's gates belong to (the seed holds it in a real hub).
  const wave = {
    slug: WAVE,
    widget_type: "ops-migration-wave",
    name: "CoulombCore → ThreePhoenix",
    metadata: {},
  };
  return {
    widgets: [...plan.added, { ...wave, id: "bench-wave" }].map((w) => ({
      id: w.id,
      hubId: "hub",
      type: w.widget_type,
      slug: w.slug,
      name: w.name,
      metadata: typeof w.metadata === "string" ? JSON.parse(w.metadata) : w.metadata,
      version: 1,
      createdAt: w.created_at ?? now,
      updatedAt: w.created_at ?? now,
    })),
    latestEvents: [...latest.values()].map((e) => ({
      id: e.id,
      hubId: "hub",
      widgetId: e.widget_id,
      type: e.event_type,
      viewContext: e.view_context,
      metadata: JSON.parse(e.metadata),
      recordedBy: "bench",
      createdAt: e.created_at,
    })),
    annotations: [],
    riskEvents: [],
  };
}

function timed(fn) {
  const started = performance.now();
  fn();
  return performance.now() - started;
}

let position = 0;
const change = (fields) => ({
  position: `bench.${++position}`,
  at: new Date().toISOString(),
  ...fields,
});

const results = [];
for (const size of sizes) {
  process.stderr.write(`read model: ${size} items…\n`);
  const data = hubData(size);
  const whole = [];
  for (let i = 0; i < Math.max(3, Math.min(10, Math.round(200_000 / size))); i++)
    whole.push(timed(() => createCatalogMirror(data).model(new Date())));

  const mirror = createCatalogMirror(data);
  // The clock stands while changes are measured: aging is measured on its own below.
  const at = new Date();
  mirror.model(at);
  const endpoints = data.widgets.filter((w) => w.type === "ops-endpoint");
  const services = data.widgets.filter((w) => w.type === "ops-service");
  const step = (make) => {
    const times = [];
    for (let i = 0; i < runs; i++) {
      const next = make(i);
      times.push(
        timed(() => {
          mirror.apply([next]);
          mirror.model(at);
        }),
      );
    }
    return median(times);
  };
  const anEvent = (i) => {
    const widget = endpoints[i % endpoints.length];
    const e = {
      id: `bench-event-${position}`,
      hubId: "hub",
      widgetId: widget.id,
      type: "ops-endpoint-verified",
      viewContext: null,
      metadata: { outcome: i % 7 === 0 ? "fail" : "pass" },
      recordedBy: "bench",
      createdAt: new Date().toISOString(),
    };
    return change({
      resource: "interaction-event",
      action: "created",
      id: e.id,
      widgetId: widget.id,
      event: e,
    });
  };
  const event = step(anEvent);
  const annotation = step((i) => {
    const widget = services[i % services.length];
    const a = {
      id: `bench-annotation-${position}`,
      hubId: "hub",
      widgetId: widget.id,
      category: "ops-note",
      body: "noted",
      metadata: {},
      recordedBy: "bench",
      createdAt: new Date().toISOString(),
    };
    return change({
      resource: "annotation",
      action: "created",
      id: a.id,
      widgetId: widget.id,
      annotation: a,
    });
  });
  const anItemChange = (i) => {
    const widget = services[i % services.length];
    const changed = { ...widget, name: `${widget.name} ${i}`, version: widget.version + 1 };
    return change({
      resource: "widget",
      action: "updated",
      id: widget.id,
      widgetId: widget.id,
      widget: changed,
    });
  };
  const item = step(anItemChange);
  const second = [];
  for (let i = 1; i <= 20; i++)
    second.push(timed(() => mirror.model(new Date(at.getTime() + i * 1000))));
  // The board of the wave's 50 gates, judged again for the next model: after
  // an event (its items unchanged), and after an item changed.
  const board = (make) => {
    const times = [];
    for (let i = 0; i < 10; i++) {
      mirror.apply([make(runs + i)]);
      const model = mirror.model(at);
      const wave = model.index.bySlug.get(WAVE);
      times.push(
        timed(() =>
          evaluateWave(wave, {
            index: model.index,
            latestEvents: model.latestByWidget,
            annotations: model.annotations,
            acceptances: model.acceptances,
            now: model.now,
          }),
        ),
      );
    }
    return median(times);
  };
  results.push({
    size,
    whole: median(whole),
    event,
    annotation,
    item,
    second: median(second),
    boardAfterEvent: board(anEvent),
    boardAfterItem: board(anItemChange),
  });
}

const ms = (value) => value.toFixed(value < 10 ? 2 : 1).padStart(9);
console.log("\nRead model: median ms per change (apply one change, derive the next model)");
console.log(
  "    items | whole derivation | one event | one annotation | one item changed | whole ÷ event | a second of aging",
);
for (const r of results)
  console.log(
    `${String(r.size).padStart(9)} | ${ms(r.whole)}        | ${ms(r.event)} | ${ms(r.annotation)}      | ${ms(r.item)}        | ${(r.whole / r.event).toFixed(0).padStart(8)}×      | ${ms(r.second)}`,
  );
console.log("\nGate board (50 gates), median ms to judge it for the next model");
console.log("    items | after an event | after an item changed");
for (const r of results)
  console.log(
    `${String(r.size).padStart(9)} | ${ms(r.boardAfterEvent)}      | ${ms(r.boardAfterItem)}`,
  );
console.log("\nGrowth per ×10 items (goal: under 2×)");
for (let i = 1; i < results.length; i++) {
  const [a, b] = [results[i - 1], results[i]];
  const factor = (key) => `${(b[key] / a[key]).toFixed(2)}×`;
  console.log(
    `${a.size} → ${b.size}: whole ${factor("whole")}, event ${factor("event")}, annotation ${factor("annotation")}, item ${factor("item")}, board after an event ${factor("boardAfterEvent")}`,
  );
}
