/**
 * The present mode's keyboard map: a presenter never needs the mouse. Pure, so
 * the map is tested without a browser; the view decides which commands apply
 * (review keys only during a review, "back" only when signed in).
 */
export type PresentCommand =
  | "next"
  | "previous"
  | "first"
  | "last"
  | "provenance"
  | "fullscreen"
  | "back"
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

/** The legend shown on screen, in reading order. */
export const KEY_LEGEND: { keys: string[]; does: string; review?: boolean; signedIn?: boolean }[] =
  [
    { keys: ["→", "j"], does: "next gate" },
    { keys: ["←", "k"], does: "previous gate" },
    { keys: ["Enter", "p"], does: "provenance" },
    { keys: ["f"], does: "full screen" },
    { keys: ["Esc", "b"], does: "back to the board", signedIn: true },
    { keys: ["1", "2", "3"], does: "pass · fail · defer", review: true },
    { keys: ["n"], does: "note", review: true },
  ];
