"use client";

import { useEffect, useId, useRef, useState } from "react";

/**
 * A button that shows and hides a panel below it (the account menu, the
 * phone's section menu): aria-expanded says which; opening moves focus to the
 * panel's first link or control; Escape closes and gives focus back to the
 * button; a click elsewhere or following a link in the panel closes it. A
 * navigation already under way when the menu opens leaves it open.
 */
export function MenuDisclosure({
  button,
  buttonLabel,
  panelLabel,
  align = "right",
  children,
}: {
  button: React.ReactNode;
  /** The button's accessible name, when its content says less (an icon, a short word). */
  buttonLabel?: string;
  panelLabel: string;
  align?: "left" | "right";
  children: React.ReactNode;
}) {
  const id = useId();
  const panelId = `${id}-panel`;
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const [open, setOpen] = useState(false);

  useEffect(() => {
    if (!open) return;
    panelRef.current?.querySelector<HTMLElement>("a[href], button, select, input")?.focus();
    function onKeyDown(event: KeyboardEvent) {
      if (event.key !== "Escape") return;
      setOpen(false);
      buttonRef.current?.focus();
    }
    function onPointerDown(event: PointerEvent) {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    }
    document.addEventListener("keydown", onKeyDown);
    document.addEventListener("pointerdown", onPointerDown);
    return () => {
      document.removeEventListener("keydown", onKeyDown);
      document.removeEventListener("pointerdown", onPointerDown);
    };
  }, [open]);

  return (
    <div ref={rootRef} className="relative">
      <button
        ref={buttonRef}
        type="button"
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        aria-label={buttonLabel}
        onClick={() => setOpen((was) => !was)}
        className="flex items-center gap-1.5 rounded-md border border-slate-300 px-2 py-1 whitespace-nowrap hover:bg-slate-100"
      >
        {button}
      </button>
      {open ? (
        <div
          ref={panelRef}
          id={panelId}
          role="region"
          aria-label={panelLabel}
          onClick={(event) => {
            // A link in the panel was followed: the menu has done its job.
            if ((event.target as Element).closest("a[href]")) setOpen(false);
          }}
          className={`absolute top-full z-20 mt-2 w-72 max-w-[calc(100vw-2rem)] rounded-xl border border-slate-200 bg-white p-3 shadow-lg ${align === "right" ? "right-0" : "left-0"}`}
        >
          {children}
        </div>
      ) : null}
    </div>
  );
}
