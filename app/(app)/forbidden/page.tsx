import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";

export const metadata: Metadata = { title: "Not allowed" };

export default function ForbiddenPage() {
  return (
    <EmptyState title="Your role does not allow this page">Ask an admin if you need it.</EmptyState>
  );
}
