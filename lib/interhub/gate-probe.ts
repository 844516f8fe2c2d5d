import { z } from "zod";
import { CONTRACT, v2BaseUrl, wireError, wireList, wireOpenApiPaths, wireToken } from "./wire";

/**
 * Which contract does this Inter-Hub speak? The checks of the live contract
 * the workplan settled on: public reads answer 200 (not 401: that
 * expectation went stale on 2026-06-14), protected reads answer 401
 * `invalid_api_key` without a key, the OpenAPI lists the bootstrap
 * operations, and a given key exchanges for a Bearer token that reads the
 * hub registry. The key goes only into the `Authorization` header of the two
 * requests that need it; no result carries it.
 */
export type GateCheck = { check: string; ok: boolean; detail: string };

export async function probeGate(
  baseUrl: string,
  options: { key?: string; fetch?: typeof fetch; timeoutMs?: number } = {},
): Promise<GateCheck[]> {
  const base = v2BaseUrl(baseUrl);
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const call = async (path: string, init: RequestInit = {}) => {
    try {
      const response = await doFetch(`${base}${path}`, {
        ...init,
        headers: { accept: "application/json", ...init.headers },
        signal: AbortSignal.timeout(timeoutMs),
      });
      const text = await response.text();
      let body: unknown;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        body = undefined;
      }
      return { status: response.status, body };
    } catch (error) {
      const reason =
        error instanceof Error && error.name === "TimeoutError"
          ? `no answer within ${timeoutMs} ms`
          : "unreachable";
      return { status: 0, body: undefined, reason };
    }
  };
  const answered = (result: { status: number; reason?: string }) =>
    result.status === 0 ? (result.reason ?? "unreachable") : `answered ${result.status}`;
  const checks: GateCheck[] = [];

  for (const path of CONTRACT.publicReads) {
    const result = await call(path);
    const ok = result.status === 200 && wireList(z.unknown()).safeParse(result.body).success;
    checks.push({
      check: `public GET ${path} answers 200 without a key`,
      ok,
      detail: ok
        ? "200, a paginated list"
        : `${answered(result)}${result.status === 200 ? ", not a paginated list" : ""}`,
    });
  }

  for (const path of CONTRACT.protectedReads) {
    const result = await call(path);
    const error = wireError.safeParse(result.body).data?.error;
    const ok = result.status === 401 && error === CONTRACT.unauthenticatedError;
    checks.push({
      check: `protected GET ${path} answers 401 ${CONTRACT.unauthenticatedError} without a key`,
      ok,
      detail: ok ? `401 ${error}` : `${answered(result)}${error ? ` ${error}` : ""}`,
    });
  }

  const openApi = await call(CONTRACT.openApiPath);
  const paths = wireOpenApiPaths.safeParse(openApi.body).data?.paths;
  const missing = Object.entries(CONTRACT.bootstrapOperations).flatMap(([path, methods]) =>
    methods
      .filter((method) => !paths?.[path]?.[method])
      .map((method) => `${method.toUpperCase()} ${path}`),
  );
  checks.push({
    check: `GET ${CONTRACT.openApiPath} lists the bootstrap operations`,
    ok: openApi.status === 200 && !!paths && missing.length === 0,
    detail:
      openApi.status !== 200
        ? answered(openApi)
        : !paths
          ? "not an OpenAPI document"
          : missing.length > 0
            ? `missing: ${missing.join(", ")}`
            : `all ${Object.values(CONTRACT.bootstrapOperations).flat().length} listed`,
  });

  if (!options.key) {
    checks.push({
      check: `POST ${CONTRACT.tokenPath} exchanges the key for a Bearer token`,
      ok: false,
      detail: "no key given (--key-file, IHUB_OPERATOR_KEY_FILE or OPS_HUB_KEY_FILE)",
    });
    return checks;
  }
  const exchange = await call(CONTRACT.tokenPath, {
    method: "POST",
    headers: { authorization: `Bearer ${options.key}` },
  });
  const token = wireToken.safeParse(exchange.body).data;
  const refusal = wireError.safeParse(exchange.body).data?.error;
  checks.push({
    check: `POST ${CONTRACT.tokenPath} exchanges the key for a Bearer token`,
    ok: exchange.status === 200 && !!token,
    detail: token
      ? `Bearer token, expires in ${token.expires_in} s`
      : `${answered(exchange)}${refusal ? ` ${refusal}` : ""}`,
  });
  if (token) {
    const registry = await call("/hub-registry", {
      headers: { authorization: `Bearer ${token.access_token}` },
    });
    checks.push({
      check: "GET /hub-registry answers 200 with the token",
      ok: registry.status === 200,
      detail: answered(registry),
    });
  }
  return checks;
}
