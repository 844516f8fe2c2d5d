import Link from "next/link";
import type { Reference } from "@/lib/domain/relations";

/** A link to a related item, or a visible warning when the slug names nothing. */
export function ReferenceLink({ reference }: { reference: Reference }) {
  if (!reference.target) {
    return (
      <span className="inline-flex items-center gap-1 rounded bg-red-50 px-1.5 text-red-800 ring-1 ring-red-300 ring-inset">
        <span aria-hidden="true">⚠</span>
        <span className="font-mono line-through">{reference.slug}</span>
        <span className="text-xs">(broken reference: no such item)</span>
      </span>
    );
  }
  return (
    <Link
      href={`/catalog/${reference.target.slug}`}
      className="text-sky-800 underline-offset-2 hover:underline"
    >
      {reference.target.name}
    </Link>
  );
}
