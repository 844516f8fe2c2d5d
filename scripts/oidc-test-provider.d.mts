export const OIDC_TEST_CLIENT: { id: string; secret: string };
export const OIDC_TEST_USERS: Record<string, { password: string; name: string; groups: string[] }>;
export function startOidcTestProvider(options: {
  redirectUris: string[];
  port?: number;
}): Promise<{ issuer: string; stop: () => Promise<void> }>;
