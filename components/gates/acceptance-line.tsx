import type { AcceptanceView } from "@/lib/domain/board-view";

/** An active acceptance on the board, with its countdown; `soon` marks one about to expire. */
export function AcceptanceLine({
  acceptance,
  soon,
}: {
  acceptance: AcceptanceView;
  soon: boolean;
}) {
  return (
    <li>
      <strong>{acceptance.risk ?? "A risk"}</strong> covers {acceptance.coverNames.join(", ")} —
      accepted by {acceptance.acceptedBy} under{" "}
      <span className="font-mono">{acceptance.policyScope}</span>;{" "}
      <span className={soon ? "font-semibold text-amber-900" : undefined}>
        expires in {acceptance.daysLeft} {acceptance.daysLeft === 1 ? "day" : "days"}
        {soon ? " (soon)" : ""}
      </span>
    </li>
  );
}
