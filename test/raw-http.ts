import http from "node:http";

/**
 * HTTP as a hostile client speaks it, which `fetch` will not: any Host
 * header, and a chunked body of any size that keeps coming until the server
 * answers (or refuses it).
 */
export type RawAnswer = { status: number; headers: http.IncomingHttpHeaders; body: string };

/** A raw answer's headers as fetch gives them, to check it like any other answer. */
export function fetchHeaders(headers: http.IncomingHttpHeaders): Headers {
  const converted = new Headers();
  for (const [name, value] of Object.entries(headers))
    if (typeof value === "string") converted.set(name, value);
  return converted;
}

export function rawRequest(
  baseUrl: string,
  options: {
    method?: string;
    path: string;
    headers?: Record<string, string>;
    /** Sent as chunks without Content-Length, as long as the server reads. */
    chunked?: { chunkBytes: number; totalBytes: number };
    body?: string;
  },
): Promise<RawAnswer> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const request = http.request({
      host: url.hostname,
      port: url.port,
      method: options.method ?? "GET",
      path: options.path,
      headers: options.headers,
      // A Host header that no URL could hold is sent as given.
      setHost: options.headers?.host === undefined,
    });
    let answered = false;
    request.on("response", (response) => {
      answered = true;
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () =>
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          body: Buffer.concat(chunks).toString("utf8"),
        }),
      );
      response.on("error", reject);
    });
    // The server may close the connection on a body it refused mid-way.
    request.on("error", (error) => {
      if (!answered) reject(error);
    });
    if (options.chunked) {
      const { chunkBytes, totalBytes } = options.chunked;
      const chunk = Buffer.alloc(chunkBytes, "a");
      let sent = 0;
      const pump = () => {
        while (!answered && sent < totalBytes && !request.destroyed) {
          sent += chunkBytes;
          if (!request.write(chunk)) {
            request.once("drain", pump);
            return;
          }
        }
        request.end();
      };
      pump();
    } else request.end(options.body);
  });
}
