import type { EvidenceState } from "@/lib/domain/evidence";
import styles from "./topology.module.css";

const LABELS: Record<EvidenceState, string> = {
  fresh: "fresh",
  stale: "stale",
  failing: "failing",
  none: "no evidence",
};

/** An item's evidence state as a word and a colour, never the colour alone. */
export function EvidenceMarker({ state }: { state: EvidenceState }) {
  return <span className={`${styles.marker} ${styles[state]}`}>{LABELS[state]}</span>;
}
