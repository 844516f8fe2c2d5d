import { RelativeTime } from "@/components/ui/relative-time";
import { daysLeft, isActive, type Acceptance } from "@/lib/domain/risks";

/** One acceptance of a risk: its state, who signed it under which policy, until when, and why. */
export function AcceptanceEntry({
  acceptance,
  coverNames,
  now,
  children,
}: {
  acceptance: Acceptance;
  /** What it covers, by name. */
  coverNames: string[];
  now: Date;
  children?: React.ReactNode;
}) {
  const active = isActive(acceptance, now);
  const left = daysLeft(acceptance, now);
  return (
    <div className="mt-2 rounded-lg border border-slate-100 bg-slate-50 p-3 text-sm">
      <p>
        <strong>
          {active
            ? `Accepted, ${left} ${left === 1 ? "day" : "days"} left`
            : acceptance.revoked
              ? "Revoked"
              : "Expired"}
        </strong>{" "}
        — by {acceptance.acceptedBy.name} under{" "}
        <span className="font-mono">{acceptance.policyScope}</span>,{" "}
        <RelativeTime at={acceptance.event.createdAt} now={now} />; until{" "}
        {acceptance.expiresAt.toISOString().slice(0, 10)}. Covers {coverNames.join(", ")}.
      </p>
      <p className="mt-1 text-slate-700">{acceptance.justification}</p>
      {acceptance.revoked ? (
        <p className="mt-1 text-red-800">Revoked: {acceptance.revoked.reason}</p>
      ) : null}
      {children}
    </div>
  );
}
