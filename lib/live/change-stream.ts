import "server-only";
import { onHubChange } from "@/lib/hub-changes";
import { interHubMode } from "@/lib/interhub";

/**
 * The server-sent event stream that tells open screens (present mode, screen
 * links, the board, item timelines) that a hub changed, so they fetch again
 * within a moment instead of on their next poll. It carries no data — only
 * "something changed" — so it needs no authorisation beyond who may open it.
 *
 * `ready` says whether changes are pushed: for a remote Inter-Hub this process
 * hears of its own writes only, and the screens keep polling. Changes come at
 * most every THROTTLE_MS (a burst of events is one message); a comment every
 * HEARTBEAT_MS keeps proxies from closing an idle stream and lets the browser
 * notice a dead one.
 */
const THROTTLE_MS = 500;
const HEARTBEAT_MS = 20_000;

export function changeStreamResponse(request: Request): Response {
  const encoder = new TextEncoder();
  let stop = () => {};
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (text: string) => {
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          stop(); // the client went away
        }
      };
      const push = interHubMode() === "embedded";
      send(`retry: 3000\nevent: ready\ndata: ${JSON.stringify({ push })}\n\n`);

      let last = 0;
      let pending: NodeJS.Timeout | undefined;
      const changed = () => {
        last = Date.now();
        pending = undefined;
        send("event: change\ndata: {}\n\n");
      };
      const unsubscribe = onHubChange(() => {
        if (pending) return;
        pending = setTimeout(changed, Math.max(0, last + THROTTLE_MS - Date.now()));
      });
      const heartbeat = setInterval(() => send(": heartbeat\n\n"), HEARTBEAT_MS);
      stop = () => {
        unsubscribe();
        clearInterval(heartbeat);
        clearTimeout(pending);
        try {
          controller.close();
        } catch {
          // already closed
        }
      };
      request.signal.addEventListener("abort", () => stop());
    },
    cancel: () => stop(),
  });
  return new Response(body, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      // no-transform: compression would hold the events back until a buffer fills.
      "cache-control": "private, no-store, no-transform",
      "x-accel-buffering": "no",
    },
  });
}
