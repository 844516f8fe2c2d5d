import { getSnapshot } from "@/lib/data/snapshot";

/**
 * Shown above every page when Inter-Hub cannot be read: the age of the data
 * still shown and why, instead of a blank page.
 */
export async function InterHubBanner() {
  let message: string | undefined;
  try {
    const snapshot = await getSnapshot();
    if (snapshot.staleSince) {
      const time = snapshot.fetchedAt.toISOString().slice(11, 16);
      message = `showing data from ${time} UTC. ${snapshot.staleSince.error}.`;
    }
  } catch (error) {
    message = `no data could be read yet. ${error instanceof Error ? error.message : ""}`;
  }
  if (!message) return null;
  return (
    <div
      role="status"
      className="mb-6 rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-amber-900"
    >
      <strong>Inter-Hub unreachable</strong>: {message} ops-hub keeps retrying by itself.
    </div>
  );
}
