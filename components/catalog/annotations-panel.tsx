import { randomUUID } from "node:crypto";
import { AnnotateForm } from "@/components/forms/annotate-form";
import { ResolveForm } from "@/components/forms/resolve-form";
import { Badge } from "@/components/ui/badge";
import { RelativeTime } from "@/components/ui/relative-time";
import { getSessionUser } from "@/lib/auth/session";
import { hasRole } from "@/lib/domain/roles";
import type { Widget } from "@/lib/domain/types";
import { getOutbox } from "@/lib/outbox";
import type { CatalogModel } from "@/lib/domain/catalog";
import { getHubVocabulary } from "@/lib/data/queries";

/** An item's open annotations, its writes still waiting to sync, and, for operators, the forms. */
export async function AnnotationsPanel({ widget, model }: { widget: Widget; model: CatalogModel }) {
  const [user, vocabulary, outbox] = await Promise.all([
    getSessionUser(),
    getHubVocabulary(),
    getOutbox(),
  ]);
  const open = model.openAnnotations.filter((a) => a.widgetId === widget.id);
  const pending = await outbox.pending(widget.slug);
  const canWrite = hasRole(user?.role, "operator");
  return (
    <div className="space-y-4">
      {open.length === 0 ? (
        <p className="text-sm text-slate-600">No open annotations.</p>
      ) : (
        <ul className="space-y-3">
          {open.map((annotation) => (
            <li
              key={annotation.id}
              className="rounded-lg border border-amber-200 bg-amber-50/50 p-3 text-sm"
            >
              <div className="flex flex-wrap items-center gap-2">
                <Badge tone="warn">{annotation.category}</Badge>
                <RelativeTime at={annotation.createdAt} now={model.now} />
              </div>
              <p className="mt-1 whitespace-pre-wrap">{annotation.body}</p>
              {typeof annotation.metadata.link === "string" &&
              /^https?:\/\//.test(annotation.metadata.link) ? (
                <a
                  href={annotation.metadata.link}
                  className="text-sky-800 underline"
                  rel="noreferrer noopener"
                >
                  {annotation.metadata.link}
                </a>
              ) : null}
              {canWrite ? (
                <ResolveForm
                  widgetSlug={widget.slug}
                  annotationId={annotation.id}
                  initialSubmissionId={randomUUID()}
                />
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {pending.length > 0 ? (
        <ul className="space-y-1 text-sm" aria-label="Waiting to sync">
          {pending.map((row) => (
            <li
              key={row.id}
              className="rounded border border-amber-300 bg-amber-50 px-2 py-1 text-amber-900"
            >
              {row.status === "rejected"
                ? `Refused by Inter-Hub: ${row.summary} (${row.last_error})`
                : `Waiting to sync: ${row.summary}`}
            </li>
          ))}
        </ul>
      ) : null}
      {canWrite ? (
        <div>
          <h3 className="mb-2 text-sm font-semibold">Annotate</h3>
          <AnnotateForm
            widgetSlug={widget.slug}
            categories={vocabulary.annotationCategories}
            initialSubmissionId={randomUUID()}
          />
        </div>
      ) : null}
    </div>
  );
}
