export type AppServer = {
  url: string;
  dataDir: string;
  logFile: string;
  /** The server process, e.g. for its memory in /proc/<pid>/status. */
  pid: number;
  stop: () => Promise<void>;
};
export function startAppServer(options: {
  name: string;
  port?: number;
  dataDir?: string;
  env?: Record<string, string>;
  waitFor?: "ready" | "health";
}): Promise<AppServer>;
