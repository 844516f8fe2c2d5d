/**
 * The present mode's keyboard map: a presenter never needs the mouse. Pure, so
 * the map is tested without a browser; the view decides which commands apply
 * (review keys only for approvers, "back" only when signed in).
 */
export type PresentCommand =
  | "next"
  | "previous"
  | "first"
  | "last"
  | "provenance"
  | "fullscreen"
  | "back"
  | "accept-risk"
  | "start-review"
  | "end-review"
  | "pass"
  | "fail"
  | "defer"
  | "note";

const KEYS: Record<string, PresentCommand> = {
  ArrowRight: "next",
  ArrowDown: "next",
  PageDown: "next", // what most presentation clickers send
  j: "next",
  ArrowLeft: "previous",
  ArrowUp: "previous",
  PageUp: "previous",
  k: "previous",
  Home: "first",
  End: "last",
  Enter: "provenance",
  p: "provenance",
  f: "fullscreen",
  Escape: "back",
  b: "back",
  a: "accept-risk",
  s: "start-review",
  e: "end-review",
  "1": "pass",
  "2": "fail",
  "3": "defer",
  n: "note",
};

export type KeyPress = {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
};

/** The command a key press means, or undefined (modified keys belong to the browser). */
export function commandFor(press: KeyPress): PresentCommand | undefined {
  if (press.ctrlKey || press.metaKey || press.altKey) return undefined;
  return KEYS[press.key.length === 1 ? press.key.toLowerCase() : press.key];
}

/** When a legend entry applies: always, signed in, for approvers, or in one review state. */
export type LegendWhen = "always" | "signed-in" | "accept" | "no-review" | "review";

/** The legend shown on screen, in reading order. */
export const KEY_LEGEND: { keys: string[]; does: string; when: LegendWhen }[] = [
  { keys: ["→", "j"], does: "next", when: "always" },
  { keys: ["←", "k"], does: "previous", when: "always" },
  { keys: ["Enter"], does: "provenance", when: "always" },
  { keys: ["f"], does: "full screen", when: "always" },
  { keys: ["Esc"], does: "board", when: "signed-in" },
  { keys: ["a"], does: "accept risk", when: "accept" },
  { keys: ["s"], does: "start review", when: "no-review" },
  { keys: ["1", "2", "3"], does: "pass · fail · defer", when: "review" },
  { keys: ["n"], does: "note", when: "review" },
  { keys: ["e"], does: "end review", when: "review" },
];
