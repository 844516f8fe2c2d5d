export function serverEnv(
  base?: Record<string, string | undefined>,
  overrides?: Record<string, string>,
): NodeJS.ProcessEnv;
