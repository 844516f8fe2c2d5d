/**
 * The status icons as inline SVG: an emoji or a rare Unicode symbol renders as
 * an empty box where no font has it (a TV's browser often has none). Always
 * decoration beside a word, so hidden from assistive technology; sized in em
 * and drawn in currentColor, they follow the text they sit in.
 */
export type IconName =
  | "check"
  | "cross"
  | "clock"
  | "flag"
  | "blocked"
  | "question"
  | "warning"
  | "drift"
  | "defer"
  | "go"
  | "no-go";

const PATHS: Record<IconName, React.ReactNode> = {
  check: <path d="M4 12.5l5 5L20 6.5" />,
  cross: <path d="M6 6l12 12M18 6L6 18" />,
  clock: (
    <>
      <circle cx="12" cy="12" r="8.5" />
      <path d="M12 7v5.5l3.5 2" />
    </>
  ),
  flag: <path d="M6 21V4M6 4h11l-2.5 4L17 12H6" />,
  blocked: (
    <>
      <circle cx="12" cy="12" r="8.5" />
      <path d="M7.5 12h9" />
    </>
  ),
  question: (
    <>
      <path d="M9 9.5a3 3 0 1 1 4.2 2.8c-.8.4-1.2 1-1.2 1.9v.8" />
      <path d="M12 18.5v.01" />
    </>
  ),
  warning: (
    <>
      <path d="M12 4L2.8 19.5h18.4z" />
      <path d="M12 10v4.5M12 17.5v.01" />
    </>
  ),
  drift: <path d="M4 8h14l-3-3M20 16H6l3 3" />,
  defer: <path d="M5 17a7 7 0 0 1 13-5.5M18.5 6v5.5H13" />,
  go: <path d="M12 4l8 15H4z" />,
  "no-go": <path d="M5.5 5.5h13v13h-13z" />,
};

export function Icon({ name, className = "" }: { name: IconName; className?: string }) {
  return (
    <svg
      aria-hidden="true"
      focusable="false"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={2.5}
      strokeLinecap="round"
      strokeLinejoin="round"
      className={`inline-block size-[1em] shrink-0 align-[-0.125em] ${className}`}
    >
      {PATHS[name]}
    </svg>
  );
}
