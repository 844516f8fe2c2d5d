// Next.js calls register() once per server process, before serving requests.
export async function register() {
  // NEXT_RUNTIME and NEXT_PHASE are Next's own switches (not configuration), so
  // they are read here rather than through lib/env. Start-up work needs
  // Node.js, and must not run inside `next build`'s workers: a build creates
  // no data directory, keys or accounts.
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build")
    return;
  const { startOpsHub } = await import("./lib/startup");
  await startOpsHub();
}
