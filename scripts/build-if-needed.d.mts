export const standaloneServer: string;
export function sourceHash(): string;
export function buildIfNeeded(options?: { toStderr?: boolean }): void;
