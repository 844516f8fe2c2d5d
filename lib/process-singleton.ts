/**
 * One value per server process. Next bundles `instrumentation.ts`, route
 * handlers and pages separately, so a module-level variable may exist more
 * than once; `globalThis` does not.
 */
export function processSingleton<T>(name: string, create: () => T): T {
  const store = globalThis as unknown as Record<symbol, T | undefined>;
  const key = Symbol.for(`ops-hub.${name}`);
  return (store[key] ??= create());
}
