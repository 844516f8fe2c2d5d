import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CopyButton } from "@/components/ui/copy-button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { findWave } from "@/lib/domain/waves";
import { getCatalogModel } from "@/lib/data/snapshot";
import { getOpenReview, listEndedReviews } from "@/lib/data/reviews";
import { utcMinute } from "@/lib/domain/time";

type Props = { params: Promise<{ wave: string }> };

export const metadata: Metadata = { title: "Migration reviews" };

export default async function ReviewsPage({ params }: Props) {
  const { wave: slug } = await params;
  const wave = findWave(await getCatalogModel(), slug);
  if (!wave) notFound();
  const [open, reviews] = await Promise.all([getOpenReview(slug), listEndedReviews(slug)]);
  return (
    <>
      <PageHeader
        title={`Reviews of ${wave.name}`}
        description="Migration reviews of this wave, newest first, each with the summary it ended with."
      >
        <div className="flex gap-3">
          <Link
            href={`/migrations/${slug}`}
            className="rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100"
          >
            Board
          </Link>
          <Link
            href={`/migrations/${slug}/present`}
            className="rounded-md bg-slate-900 px-3 py-1.5 text-sm text-white"
          >
            Present
          </Link>
        </div>
      </PageHeader>
      {open ? (
        <p role="status" className="mb-6 rounded-lg border border-sky-300 bg-sky-50 px-4 py-3">
          A review is in progress: started {utcMinute(open.startedAt)} by {open.startedBy.name}.
        </p>
      ) : null}
      {reviews.length === 0 ? (
        <EmptyState title="No review has ended yet">
          Start one in present mode; its summary is kept here when it ends.
        </EmptyState>
      ) : (
        <ol className="space-y-6">
          {reviews.map((review) => (
            <li key={review.id}>
              <article
                aria-labelledby={`review-${review.id}`}
                className="rounded-xl border border-slate-200 bg-white p-5"
              >
                <div className="flex flex-wrap items-center justify-between gap-3">
                  <h2 id={`review-${review.id}`} className="text-lg font-semibold">
                    Review ended {utcMinute(review.endedAt ?? review.startedAt)}
                  </h2>
                  {review.summary ? (
                    <CopyButton text={review.summary} label="Copy Markdown" />
                  ) : null}
                </div>
                <p className="text-sm text-slate-600">
                  Started {utcMinute(review.startedAt)} by {review.startedBy.name}
                </p>
                <pre
                  tabIndex={0}
                  aria-label={`Summary of the review ended ${utcMinute(review.endedAt ?? review.startedAt)}`}
                  className="mt-3 max-h-[32rem] overflow-auto rounded-lg bg-slate-100 p-4 text-sm whitespace-pre-wrap"
                >
                  {review.summary ?? "(no summary)"}
                </pre>
              </article>
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
