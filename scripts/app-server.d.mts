export type AppServer = {
  url: string;
  dataDir: string;
  logFile: string;
  stop: () => Promise<void>;
};
export function startAppServer(options: {
  name: string;
  port?: number;
  dataDir?: string;
  env?: Record<string, string>;
  waitFor?: "ready" | "health";
}): Promise<AppServer>;
