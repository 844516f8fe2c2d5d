import { Icon } from "@/components/gates/icons";
import styles from "./present.module.css";

export type GoneReason = "revoked" | "expired" | "unknown";

const HEADLINE: Record<GoneReason, string> = {
  revoked: "This screen link was revoked",
  expired: "This screen link has expired",
  unknown: "This screen link does not exist",
};

/** What a shared screen shows once its link is revoked, has expired, or never existed. */
export function ScreenGone({ reason }: { reason: GoneReason }) {
  return (
    <main
      className={`${styles.stage} flex min-h-dvh flex-col items-center justify-center gap-6 bg-slate-950 px-12 text-center text-slate-50 [color-scheme:dark]`}
    >
      <Icon name="blocked" className="text-[6rem] text-red-400" />
      <h1 className="text-[3.5rem] leading-tight font-bold">{HEADLINE[reason]}</h1>
      <p className="max-w-[60rem] text-[2rem] text-slate-200">
        Ask an ops-hub admin for a new link to show this wave here.
      </p>
    </main>
  );
}
