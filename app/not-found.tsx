import { connection } from "next/server";
import { NotFoundMessage } from "@/components/shell/not-found-message";

/** An address no route matches: shown without the app's frame, so it brings its own <main>. */
export default async function NotFound() {
  // Rendered per request, never prerendered: its scripts need the request's CSP nonce.
  await connection();
  return (
    <main id="main">
      <NotFoundMessage />
    </main>
  );
}
