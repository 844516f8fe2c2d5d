/**
 * The security headers of every response (set in proxy.ts). Scripts run only
 * with this request's nonce, which Next reads from the request's CSP header
 * and puts on its own script tags; 'strict-dynamic' lets those load their
 * chunks. Inline style attributes stay allowed (React `style` props, e.g. the
 * evidence strips); inline scripts never are.
 */
export type PolicyOptions = {
  nonce: string;
  /** Where forms may post or redirect to besides this origin (the identity provider). */
  formTargets?: string[];
  /** `next dev` evaluates code for fast refresh. */
  development?: boolean;
  https?: boolean;
};

export function contentSecurityPolicy({
  nonce,
  formTargets = [],
  development = false,
  https = false,
}: PolicyOptions): string {
  const directives: [string, ...string[]][] = [
    ["default-src", "'self'"],
    [
      "script-src",
      "'self'",
      `'nonce-${nonce}'`,
      "'strict-dynamic'",
      ...(development ? ["'unsafe-eval'"] : []),
    ],
    ["style-src", "'self'", "'unsafe-inline'"],
    ["img-src", "'self'", "data:", "blob:"],
    ["font-src", "'self'", "data:"],
    ["connect-src", "'self'"],
    ["object-src", "'none'"],
    ["base-uri", "'none'"],
    ["form-action", "'self'", ...formTargets],
    ["frame-ancestors", "'none'"],
  ];
  if (https) directives.push(["upgrade-insecure-requests"]);
  return directives.map((directive) => directive.join(" ")).join("; ");
}

export function securityHeaders(policy: string, { https }: { https: boolean }): [string, string][] {
  return [
    ["Content-Security-Policy", policy],
    ["Referrer-Policy", "same-origin"],
    ["X-Content-Type-Options", "nosniff"],
    // For browsers that predate frame-ancestors.
    ["X-Frame-Options", "DENY"],
    ["Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()"],
    ...(https
      ? [["Strict-Transport-Security", "max-age=31536000; includeSubDomains"] as [string, string]]
      : []),
  ];
}

/** A fresh nonce for each response: 128 random bits, base64. */
export function createNonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}
