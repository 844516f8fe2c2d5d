"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useId, useRef, useState, useSyncExternalStore } from "react";
import { useLiveQuery, usePreloadedQueries } from "@/components/live/use-live-query";
import { typeLabel } from "@/lib/domain/item-types";
import { SEARCH_LIMIT, type SearchHit } from "@/lib/domain/search-wire";
import { DEBOUNCE_MS, fetchSearch, SearchFailed, useDebounced } from "./search-client";

const isApple = () => /Mac|iPhone|iPad/.test(navigator.userAgent);
const subscribeToNothing = () => () => {};
/** The shortcut's label: ⌘ on Apple keyboards; "Ctrl" on the server and everywhere else. */
function useShortcutLabel(): string {
  return useSyncExternalStore(
    subscribeToNothing,
    () => (isApple() ? "⌘ K" : "Ctrl K"),
    () => "Ctrl K",
  );
}

function isShortcut(event: KeyboardEvent): boolean {
  if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return false;
  if (event.key.toLowerCase() !== "k") return false;
  // On a Mac, Ctrl-K in a text field deletes to the end of the line: leave it be there.
  const target = event.target;
  const editing =
    target instanceof HTMLElement &&
    (target.isContentEditable || target.matches("input, textarea, select"));
  return !(event.ctrlKey && !event.metaKey && editing && isApple());
}

/**
 * Find any item by name or slug and jump to it: a header button and Ctrl-K /
 * Cmd-K open a native modal <dialog> holding an ARIA 1.2 combobox; ↑ ↓ move
 * through the results, Enter opens one, Escape closes and focus goes back.
 */
export function CommandPalette() {
  const router = useRouter();
  const id = useId();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  /** Where focus goes when the palette closes: where it was, or the trigger after a jump. */
  const returnFocusRef = useRef<HTMLElement | null>(null);
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState("");
  const [active, setActive] = useState({ query: "", index: 0 });
  const shortcut = useShortcutLabel();

  const typed = query.trim();
  const debounced = useDebounced(typed, DEBOUNCE_MS);
  // The query module loads while the browser idles, so the first search does not wait for it.
  usePreloadedQueries();
  const search = useLiveQuery({
    queryKey: ["search", debounced],
    queryFn: ({ signal }) => fetchSearch(debounced, signal),
    enabled: open && debounced.length > 0,
    // While typing, the last answer stays on screen until the next arrives.
    keepPreviousData: true,
    staleTime: 15_000,
    refetchOnWindowFocus: false,
    // A refusal (an ended session) will not change on a retry; a server fault might.
    retry: (failures, error) =>
      failures < 1 && !(error instanceof SearchFailed && error.status < 500),
  });

  const data = typed ? search.data : undefined;
  const hits = data?.hits ?? [];
  const activeIndex =
    hits.length === 0
      ? -1
      : active.query === data?.query
        ? Math.min(active.index, hits.length - 1)
        : 0;
  const settling = typed !== "" && (typed !== debounced || search.isFetching);
  const listboxId = `${id}-listbox`;
  const optionId = (index: number) => `${id}-option-${index}`;

  const openPalette = useCallback(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (!dialog.open) {
      const focused = document.activeElement;
      returnFocusRef.current = focused instanceof HTMLElement ? focused : null;
      dialog.showModal();
      setOpen(true);
    }
    inputRef.current?.focus();
    inputRef.current?.select();
  }, []);

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (!isShortcut(event)) return;
      // Also the browser's own search shortcut: inside ops-hub, the palette wins.
      event.preventDefault();
      openPalette();
    }
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [openPalette]);

  function onClose() {
    setOpen(false);
    const target = returnFocusRef.current;
    const back =
      target && target.isConnected && target !== document.body ? target : triggerRef.current;
    back?.focus();
  }

  function go(hit: SearchHit) {
    // The page under the palette is about to go: focus lands on the trigger, which stays.
    returnFocusRef.current = triggerRef.current;
    dialogRef.current?.close();
    router.push(`/catalog/${encodeURIComponent(hit.slug)}`);
  }

  function onInputKeyDown(event: React.KeyboardEvent<HTMLInputElement>) {
    if (event.nativeEvent.isComposing) return;
    if ((event.key === "ArrowDown" || event.key === "ArrowUp") && data && hits.length > 0) {
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      const next = (activeIndex + step + hits.length) % hits.length;
      setActive({ query: data.query, index: next });
      document.getElementById(optionId(next))?.scrollIntoView({ block: "nearest" });
    } else if (event.key === "Enter") {
      const hit = hits[activeIndex];
      if (!hit) return;
      event.preventDefault();
      go(hit);
    }
  }

  let status: React.ReactNode;
  if (!typed) status = "Type a name, slug or any fact. ↑ ↓ to choose, Enter to open, Esc to close.";
  else if (search.isError && !settling)
    status =
      search.error instanceof SearchFailed && search.error.status === 401
        ? "Your session has ended. Sign in again to search."
        : "Search is unavailable right now.";
  else if (!data) status = "Searching…";
  else if (hits.length === 0)
    status = settling ? "Searching…" : <>No item matches “{data.query}”.</>;
  else
    status = `${hits.length === SEARCH_LIMIT ? `The best ${SEARCH_LIMIT} items` : hits.length === 1 ? "1 item" : `${hits.length} items`}${settling ? ", searching…" : ""}`;

  return (
    <>
      <button
        ref={triggerRef}
        type="button"
        onClick={openPalette}
        aria-haspopup="dialog"
        aria-keyshortcuts="Control+K Meta+K"
        className="flex items-center gap-3 rounded-md border border-slate-300 px-2 py-1 whitespace-nowrap text-slate-600 hover:bg-slate-100"
      >
        <span>Search…</span>
        <kbd className="hidden rounded border border-slate-300 bg-slate-50 px-1 font-sans text-xs text-slate-500 sm:inline">
          {shortcut}
        </kbd>
      </button>
      <dialog
        ref={dialogRef}
        aria-labelledby={`${id}-title`}
        onClose={onClose}
        onClick={(event) => {
          // A click on the backdrop lands on the dialog itself.
          if (event.target === event.currentTarget) dialogRef.current?.close();
        }}
        className="mx-auto mt-[12vh] w-[calc(100%-2rem)] max-w-xl overflow-hidden rounded-xl border border-slate-200 bg-white p-0 text-slate-900 shadow-2xl backdrop:bg-slate-900/40"
      >
        <h2 id={`${id}-title`} className="sr-only">
          Search ops-hub
        </h2>
        <div className="flex items-center gap-2 border-b border-slate-200 px-3">
          <input
            ref={inputRef}
            type="text"
            role="combobox"
            aria-label="Find an item by name or slug"
            aria-expanded={hits.length > 0}
            aria-controls={listboxId}
            aria-autocomplete="list"
            aria-activedescendant={activeIndex >= 0 ? optionId(activeIndex) : undefined}
            autoComplete="off"
            spellCheck={false}
            placeholder="Find an item by name or slug"
            value={query}
            onChange={(event) => setQuery(event.target.value)}
            onKeyDown={onInputKeyDown}
            className="min-w-0 flex-1 py-3 text-base outline-none"
          />
          <kbd className="rounded border border-slate-300 bg-slate-50 px-1 font-sans text-xs text-slate-500">
            Esc
          </kbd>
        </div>
        <ul
          id={listboxId}
          role="listbox"
          aria-label="Matching items"
          className={`max-h-[55vh] overflow-y-auto ${settling ? "opacity-70" : ""}`}
        >
          {hits.map((hit, index) => (
            <li
              key={hit.slug}
              id={optionId(index)}
              role="option"
              aria-selected={index === activeIndex}
              // Keep focus in the input; the click still chooses.
              onMouseDown={(event) => event.preventDefault()}
              onMouseMove={() => {
                if (data && index !== activeIndex) setActive({ query: data.query, index });
              }}
              onClick={() => go(hit)}
              className={`flex cursor-pointer flex-wrap items-baseline gap-x-3 px-3 py-2 ${index === activeIndex ? "bg-sky-100" : ""}`}
            >
              <span className="font-medium">{hit.name}</span>
              <span className="font-mono text-xs text-slate-600">{hit.slug}</span>
              <span className="ml-auto text-xs text-slate-600">
                {typeLabel(hit.type)}
                {hit.environment ? ` · ${hit.environment}` : ""}
              </span>
            </li>
          ))}
        </ul>
        <div className="flex items-center gap-3 border-t border-slate-200 px-3 py-2 text-sm text-slate-600">
          <p role="status" aria-live="polite" className="flex-1">
            {status}
          </p>
          {search.isError && !settling ? (
            <button
              type="button"
              onClick={search.refetch}
              className="rounded-md border border-slate-300 px-2 py-0.5 hover:bg-slate-100"
            >
              Try again
            </button>
          ) : null}
        </div>
      </dialog>
    </>
  );
}
