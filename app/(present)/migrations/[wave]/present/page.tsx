import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { gateIndex } from "@/components/present/format";
import { PresentView } from "@/components/present/present-view";
import { getGateRiskSetup } from "@/components/risks/gate-risk-setup";
import type { ReviewPanelProps } from "@/components/present/review-panel";
import { hasRole } from "@/lib/domain/roles";
import { requireUser } from "@/lib/auth/session";
import { getBoard } from "@/lib/data/board";
import { toBoardView } from "@/lib/domain/board-view";
import { getCatalogModel } from "@/lib/data/snapshot";
import { getOpenReview, listReviewVerdicts } from "@/lib/data/reviews";
import { latestVerdicts } from "@/lib/domain/review-summary";
import { getCurrentHubSlug } from "@/lib/interhub";

type Props = {
  params: Promise<{ wave: string }>;
  searchParams: Promise<{ gate?: string | string[] }>;
};

export const metadata: Metadata = { title: "Present" };

export default async function PresentPage({ params, searchParams }: Props) {
  const user = await requireUser();
  const { wave: slug } = await params;
  const board = await getBoard(slug);
  if (!board) notFound();
  const { index } = await getCatalogModel();
  const view = toBoardView(board, index);

  const approver = hasRole(user.role, "approver");
  let review: ReviewPanelProps | undefined;
  if (approver) {
    const open = await getOpenReview(slug);
    const verdicts = open
      ? latestVerdicts(await listReviewVerdicts(await getCurrentHubSlug(), open, index))
      : undefined;
    review = {
      waveSlug: slug,
      reviewsHref: `/migrations/${slug}/reviews`,
      open:
        open && verdicts
          ? {
              id: open.id,
              startedAt: open.startedAt,
              startedBy: open.startedBy.name,
              verdicts: Object.fromEntries(
                [...verdicts].map(([gate, v]) => [
                  gate,
                  { verdict: v.verdict, note: v.note, reviewer: v.reviewer.name, at: v.at },
                ]),
              ),
            }
          : undefined,
    };
  }

  return (
    <PresentView
      initial={view}
      endpoint={`/api/migrations/${encodeURIComponent(slug)}/board`}
      queryKey={["board", slug]}
      initialGate={gateIndex((await searchParams).gate, view.gates.length)}
      mode="present"
      boardHref={`/migrations/${slug}`}
      review={review}
      acceptRisk={approver ? await getGateRiskSetup() : undefined}
    />
  );
}
