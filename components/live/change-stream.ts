/**
 * One server-sent event stream per URL and tab (lib/live/change-stream.ts on
 * the server), shared by every view that wants to know when the hub changed.
 * A listener hears `change` when it should fetch again, and `push(true)` while
 * the server pushes changes — then it need not poll; `push(false)` when the
 * stream dropped or the server cannot push, and polling is the fallback. When
 * the stream (re)connects after it was open or failed, it hears `change` once,
 * for what it may have missed.
 */
export type ChangeListener = { change: () => void; push: (live: boolean) => void };

type Stream = {
  source: EventSource;
  listeners: Set<ChangeListener>;
  live: boolean;
  /** Whether changes may have gone unheard: the stream was open before, or failed to open. */
  missed: boolean;
};
const streams = new Map<string, Stream>();

function open(url: string): Stream {
  const stream: Stream = {
    source: new EventSource(url),
    listeners: new Set(),
    live: false,
    missed: false,
  };
  const setLive = (live: boolean) => {
    if (stream.live === live) return;
    stream.live = live;
    for (const listener of stream.listeners) listener.push(live);
  };
  stream.source.addEventListener("ready", (event) => {
    const { push } = JSON.parse((event as MessageEvent<string>).data) as { push: boolean };
    if (stream.missed) for (const listener of stream.listeners) listener.change();
    stream.missed = true;
    setLive(push);
  });
  stream.source.addEventListener("change", () => {
    for (const listener of stream.listeners) listener.change();
  });
  // The browser reconnects by itself (after `retry`); until then, poll.
  stream.source.addEventListener("error", () => {
    stream.missed = true;
    setLive(false);
  });
  return stream;
}

export function listenForChanges(url: string, listener: ChangeListener): () => void {
  const stream = streams.get(url) ?? open(url);
  streams.set(url, stream);
  stream.listeners.add(listener);
  listener.push(stream.live);
  return () => {
    stream.listeners.delete(listener);
    if (stream.listeners.size > 0) return;
    stream.source.close();
    streams.delete(url);
  };
}
