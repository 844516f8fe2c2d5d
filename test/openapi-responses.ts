import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

/**
 * Checks an answer of the hub against its own OpenAPI document: the status
 * must be declared for the operation, the body must match the schema the
 * document gives for that status, and a header of the contract must be
 * declared where it is sent. Returns what broke, in words; empty when none.
 */
type Operation = {
  responses: Record<
    string,
    {
      content?: Record<string, { schema?: unknown }>;
      headers?: Record<string, unknown>;
    }
  >;
};

export type OpenApiDocument = {
  servers?: { url: string }[];
  paths: Record<string, Record<string, Operation>>;
};

/** Headers the hub sends as part of its contract (the rest are transport and security headers). */
const CONTRACT_HEADERS = ["idempotent-replay"];

const DOCUMENT_ID = "openapi.json";

export function createResponseChecker(document: OpenApiDocument) {
  // The document as one schema resource, so `#/components/schemas/…` inside
  // an operation's schema resolves against the document itself.
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
  addFormats(ajv);
  ajv.addSchema({ ...document, $id: DOCUMENT_ID });
  const validators = new Map<string, ValidateFunction>();

  const operations = Object.entries(document.paths).flatMap(([template, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({
      method: method.toUpperCase(),
      template,
      pattern: new RegExp(`^${template.replace(/\{\w+\}/g, "[^/]+")}$`),
      pointer: `#/paths/${escapePointer(template)}/${method}/responses`,
      operation,
    })),
  );

  return function check(
    method: string,
    url: string,
    answer: { status: number; headers: Headers; body: string },
  ): string[] {
    const serverPath = new URL(document.servers?.[0]?.url ?? "/", url).pathname.replace(/\/$/, "");
    const pathname = new URL(url).pathname.slice(serverPath.length);
    const found = operations.find(
      (candidate) => candidate.method === method && candidate.pattern.test(pathname),
    );
    const what = `${method} ${pathname} → ${answer.status}`;
    if (!found) {
      // No document declares the paths and methods it does not have: 404 and 405 are their answers.
      const pathKnown = operations.some((candidate) => candidate.pattern.test(pathname));
      if (answer.status === 404 || (answer.status === 405 && pathKnown)) return [];
      return [`${what}: no such operation in the document`];
    }
    const status = String(answer.status);
    const response = found.operation.responses[status];
    if (!response)
      return [`${what}: status not declared for ${found.method} ${found.template}: ${answer.body}`];

    const problems: string[] = [];
    for (const header of CONTRACT_HEADERS) {
      if (answer.headers.has(header) && !response.headers?.[header])
        problems.push(`${what}: header ${header} sent but not declared`);
    }
    const json = response.content?.["application/json"];
    if (!json) {
      if (answer.body !== "") problems.push(`${what}: a body where the document declares none`);
      return problems;
    }
    if (!answer.headers.get("content-type")?.startsWith("application/json"))
      problems.push(`${what}: content-type ${answer.headers.get("content-type")}, not JSON`);
    let body: unknown;
    try {
      body = JSON.parse(answer.body);
    } catch {
      return [...problems, `${what}: body is not JSON: ${answer.body.slice(0, 200)}`];
    }
    const schemaRef = `${DOCUMENT_ID}${found.pointer}/${status}/content/application~1json/schema`;
    const validate = validators.get(schemaRef) ?? ajv.compile({ $ref: schemaRef });
    validators.set(schemaRef, validate);
    if (!validate(body)) {
      const errors = (validate.errors ?? [])
        .slice(0, 5)
        .map((error) => `${error.instancePath || "body"} ${error.message}`)
        .join("; ");
      problems.push(
        `${what}: body does not match the schema: ${errors}: ${answer.body.slice(0, 300)}`,
      );
    }
    return problems;
  };
}

function escapePointer(segment: string): string {
  return segment.replaceAll("~", "~0").replaceAll("/", "~1");
}

/**
 * A `fetch` whose every answer is checked against the document; what breaks
 * it is kept in `violations` for the test to fail on.
 */
export function checkedFetch(inner: typeof fetch, document: OpenApiDocument) {
  const check = createResponseChecker(document);
  const violations: string[] = [];
  const checkAnswer = (...args: Parameters<typeof check>): void => {
    violations.push(...check(...args));
  };
  const fetchChecked: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    const response = await inner(request);
    const body = await response.clone().text();
    checkAnswer(request.method, request.url, {
      status: response.status,
      headers: response.headers,
      body,
    });
    return response;
  };
  return { fetch: fetchChecked, violations, checkAnswer };
}

/**
 * A checked `fetch` for a hub at `apiBase` (its `/api/v2`), reading the
 * document the hub publishes on first use: for tests that reach a hub
 * through the client rather than through test/hub-targets.ts.
 */
export function fetchCheckedAgainst(apiBase: string, inner: typeof fetch = fetch) {
  const violations: string[] = [];
  let checking: Promise<ReturnType<typeof checkedFetch>> | undefined;
  const fetchChecked: typeof fetch = async (input, init) => {
    checking ??= inner(`${apiBase}/openapi.json`)
      .then((response) => response.json() as Promise<OpenApiDocument>)
      .then((document) => checkedFetch(inner, document));
    const checked = await checking;
    try {
      return await checked.fetch(input, init);
    } finally {
      violations.push(...checked.violations.splice(0));
    }
  };
  return { fetch: fetchChecked, violations };
}
