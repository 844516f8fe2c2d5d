import "server-only";

/**
 * PostgreSQL's LISTEN/NOTIFY between instances sharing one database: each
 * write to a hub's change feed notifies CHANGES_CHANNEL with the hub's id
 * when it commits (lib/embedded-hub/service/changes.ts), and every instance
 * listening hears it at once. A notification can be lost while the listening
 * connection is down; the readers' own periodic look at the feed covers that
 * (lib/data/snapshot.ts).
 */
export const CHANGES_CHANNEL = "ops_hub_changes";

const RECONNECT_MS = 2_000;

/** Listens until stopped, reconnecting after a lost connection; `onChange` gets the hub id. */
export async function listenForChanges(
  connectionString: string,
  onChange: (hubId: string) => void,
): Promise<() => void> {
  const { Client } = await import("pg");
  let stopped = false;
  let client: InstanceType<typeof Client> | undefined;
  let retry: NodeJS.Timeout | undefined;

  let connections = 0;
  const connect = async () => {
    // keepAlive: a connection a NAT or proxy dropped silently is found out.
    const current = new Client({ connectionString, keepAlive: true });
    client = current;
    const reconnect = () => {
      current.removeAllListeners();
      // A late error of the dropped connection must not go unhandled (it would end the process).
      current.on("error", () => {});
      void current.end().catch(() => {});
      if (!stopped && !retry)
        retry = setTimeout(() => {
          retry = undefined;
          void connect();
        }, RECONNECT_MS).unref();
    };
    current.on("notification", (message) => {
      if (message.channel === CHANGES_CHANNEL && message.payload) onChange(message.payload);
    });
    current.on("error", reconnect);
    current.on("end", reconnect);
    try {
      await current.connect();
      await current.query(`LISTEN ${CHANGES_CHANNEL}`);
      // After a lost connection, what was written meanwhile went unheard: say "something changed".
      if (connections++ > 0) onChange("");
    } catch (error) {
      console.warn(
        `[ops-hub] change notifications: cannot listen (${error instanceof Error ? error.message : error}); retrying`,
      );
      reconnect();
    }
  };
  await connect();
  return () => {
    stopped = true;
    clearTimeout(retry);
    void client?.end().catch(() => {});
  };
}
