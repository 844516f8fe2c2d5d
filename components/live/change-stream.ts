/**
 * One server-sent event stream per URL and tab (lib/live/change-stream.ts on
 * the server), shared by every view that wants to know when the hub changed.
 * A listener hears `change` when it should fetch again, and `push(true)` while
 * the server pushes changes — then it may poll slowly; `push(false)` when the
 * stream dropped or the server cannot push, and polling is the fallback.
 *
 * Each time the stream opens — the first time too, since it opens after the
 * page was rendered — listeners hear `change` once, for what happened before.
 * A stream the browser gave up on (an error answer: a proxy's 502 during a
 * deploy) is opened again after REOPEN_MS while anyone listens.
 */
export type ChangeListener = { change: () => void; push: (live: boolean) => void };

const REOPEN_MS = 5_000;

type Stream = {
  url: string;
  source?: EventSource;
  listeners: Set<ChangeListener>;
  live: boolean;
  reopen?: ReturnType<typeof setTimeout>;
};
const streams = new Map<string, Stream>();

function setLive(stream: Stream, live: boolean) {
  if (stream.live === live) return;
  stream.live = live;
  for (const listener of stream.listeners) listener.push(live);
}

function connect(stream: Stream) {
  const source = new EventSource(stream.url);
  stream.source = source;
  source.addEventListener("ready", (event) => {
    const { push } = JSON.parse((event as MessageEvent<string>).data) as { push: boolean };
    for (const listener of stream.listeners) listener.change();
    setLive(stream, push);
  });
  source.addEventListener("change", () => {
    for (const listener of stream.listeners) listener.change();
  });
  source.addEventListener("error", () => {
    // Until the browser reconnects (after `retry`), or we open it again, poll.
    setLive(stream, false);
    if (source.readyState !== EventSource.CLOSED || stream.reopen) return;
    stream.reopen = setTimeout(() => {
      stream.reopen = undefined;
      if (stream.listeners.size > 0) connect(stream);
    }, REOPEN_MS);
  });
}

export function listenForChanges(url: string, listener: ChangeListener): () => void {
  let stream = streams.get(url);
  if (!stream) {
    stream = { url, listeners: new Set(), live: false };
    streams.set(url, stream);
    connect(stream);
  }
  const current = stream;
  current.listeners.add(listener);
  listener.push(current.live);
  return () => {
    current.listeners.delete(listener);
    if (current.listeners.size > 0) return;
    current.source?.close();
    clearTimeout(current.reopen);
    streams.delete(url);
  };
}
