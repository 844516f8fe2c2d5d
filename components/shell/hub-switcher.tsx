import type { AppHub } from "@/lib/interhub";
import { selectHubAction } from "@/lib/actions/hub-choice";

/** Chooses the hub the pages show; a plain form, so it works before any script loads. */
export function HubSwitcher({ hubs, current }: { hubs: AppHub[]; current: string }) {
  return (
    <form action={selectHubAction} className="flex items-center gap-1">
      <label htmlFor="hub-switcher" className="text-slate-600">
        Show hub
      </label>
      <select
        id="hub-switcher"
        name="hub"
        defaultValue={current}
        className="rounded-md border border-slate-300 bg-white px-2 py-1"
      >
        {hubs.map((hub) => (
          <option key={hub.slug} value={hub.slug}>
            {hub.name}
            {hub.vsmFunction ? ` (${hub.vsmFunction})` : ""}
          </option>
        ))}
      </select>
      <button
        type="submit"
        className="rounded-md border border-slate-300 px-2 py-1 hover:bg-slate-100"
      >
        Switch
      </button>
    </form>
  );
}
