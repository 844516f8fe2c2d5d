import { Icon } from "./icons";

/** A wave's verdict, in a word and a shape as well as a colour. */
export function GoBadge({ go, size = "sm" }: { go: boolean; size?: "sm" | "lg" }) {
  const sizing = size === "lg" ? "px-5 py-1 text-3xl" : "px-3 py-0.5 text-sm";
  return go ? (
    <span className={`rounded-full bg-emerald-700 font-bold text-white ${sizing}`}>
      <Icon name="go" /> GO
    </span>
  ) : (
    <span className={`rounded-full bg-red-800 font-bold text-white ${sizing}`}>
      <Icon name="no-go" /> NO-GO
    </span>
  );
}
