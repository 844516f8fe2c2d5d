/** What a shared screen shows once its link is revoked, has expired, or never existed. */
export function ScreenGone() {
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center gap-4 bg-slate-950 px-6 text-center text-slate-50 [color-scheme:dark]">
      <p aria-hidden="true" className="text-7xl">
        ⛔
      </p>
      <h1 className="text-4xl font-bold lg:text-5xl">
        This screen link was revoked or has expired
      </h1>
      <p className="max-w-2xl text-2xl text-slate-200">
        Ask an ops-hub admin for a new link to show this wave here.
      </p>
    </main>
  );
}
