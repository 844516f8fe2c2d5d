import type { Fact } from "@/lib/domain/facts";

/** Facts as a definition list; nested objects as indented lists, not JSON. */
export function FactList({ facts, className = "text-sm" }: { facts: Fact[]; className?: string }) {
  return (
    <dl className={`grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1 ${className}`}>
      {facts.map((fact) => (
        <div key={fact.key} className="contents">
          <dt className="text-slate-600">{fact.label}</dt>
          <dd
            className={fact.value.kind === "text" && fact.value.code ? "font-mono break-all" : ""}
          >
            {fact.value.kind === "text" ? (
              <span className="break-words">{fact.value.text}</span>
            ) : (
              <FactList facts={fact.value.facts} className="text-[0.95em]" />
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}
