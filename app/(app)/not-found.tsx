import { NotFoundMessage } from "@/components/shell/not-found-message";

/** An item, wave or page a route of the app does not know: inside the app's frame and its <main>. */
export default function NotFound() {
  return <NotFoundMessage />;
}
