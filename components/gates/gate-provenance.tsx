import Link from "next/link";
import { RelativeTime } from "@/components/ui/relative-time";
import type { GateView } from "@/lib/domain/board-view";
import { Icon, type IconName } from "./icons";

const CHECK_LOOK = {
  holds: { icon: "check", word: "holds", className: "text-emerald-800" },
  stale: { icon: "clock", word: "stale", className: "text-amber-800" },
  fails: { icon: "cross", word: "does not hold", className: "text-red-800" },
  unknown: { icon: "question", word: "no evidence yet", className: "text-slate-700" },
} as const satisfies Record<string, { icon: IconName; word: string; className: string }>;

/** Why a gate has its status: each requirement, its verdict and the evidence that decided it. */
export function GateProvenance({ gate, now }: { gate: GateView; now: Date }) {
  return (
    <div className="space-y-3 text-sm">
      {gate.ruleProblem ? <p className="font-medium text-red-800">{gate.ruleProblem}</p> : null}
      <ol className="space-y-2">
        {gate.requirements.map((requirement, index) => {
          const look = CHECK_LOOK[requirement.check];
          return (
            <li key={index}>
              <p>
                <span className={`font-semibold ${look.className}`}>
                  <Icon name={look.icon} /> {look.word}
                </span>{" "}
                — {requirement.label} <span className="text-slate-600">({requirement.detail})</span>
              </p>
              {requirement.evidence.length > 0 ? (
                <ul className="mt-1 ml-5 list-disc space-y-0.5">
                  {requirement.evidence.map((e) => (
                    <li key={e.id}>
                      <span className="font-mono">{e.type}</span> on{" "}
                      {e.itemSlug ? (
                        <Link href={`/catalog/${e.itemSlug}`} className="text-sky-800 underline">
                          {e.itemName}
                        </Link>
                      ) : (
                        "a deleted item"
                      )}
                      : {e.outcome ?? "recorded"}, <RelativeTime at={e.at} now={now} compact />
                      {e.observer ? `, by ${e.observer}` : null}
                    </li>
                  ))}
                </ul>
              ) : null}
              {requirement.moreEvidence > 0 ? (
                <p className="mt-1 ml-5 text-slate-600">
                  and {requirement.moreEvidence} more like these
                </p>
              ) : null}
            </li>
          );
        })}
      </ol>
      {gate.blockers.map((blocker) => (
        <p key={blocker.id} className="text-red-900">
          <Icon name="blocked" /> Blocker: {blocker.body} (
          <RelativeTime at={blocker.at} now={now} />)
        </p>
      ))}
      {gate.verdict ? (
        <p>
          Reviewer verdict: <strong>{gate.verdict.verdict}</strong>
          {gate.verdict.reviewer ? ` by ${gate.verdict.reviewer}` : null},{" "}
          <RelativeTime at={gate.verdict.at} now={now} />
          {gate.verdict.note ? ` — “${gate.verdict.note}”` : null}
        </p>
      ) : null}
      {gate.drift ? (
        <p className="rounded bg-amber-50 px-2 py-1 text-amber-900">
          <Icon name="drift" /> Drift: {gate.drift}
        </p>
      ) : null}
    </div>
  );
}
