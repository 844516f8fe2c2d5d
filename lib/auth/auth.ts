import "server-only";
import { randomBytes, randomUUID } from "node:crypto";
import { setTimeout } from "node:timers/promises";
import NextAuth, { CredentialsSignin, type DefaultSession } from "next-auth";
import type { JWT } from "next-auth/jwt";
import Credentials from "next-auth/providers/credentials";
import type { OIDCConfig } from "next-auth/providers";
import { z } from "zod";
import { dataPath, persistentSecret } from "@/lib/data-dir";
import { getEnv, oidcConfig, type OidcConfig } from "@/lib/env";
import { processSingleton } from "@/lib/process-singleton";
import { clientAddress } from "@/lib/security/client-address";
import { isRole, roleForGroups, type Role } from "@/lib/domain/roles";
import { SESSION_MAX_AGE_S, sessionIsOver } from "./session-rules";
import { createThrottle } from "./throttle";
import { endSession, recordOidcSignIn, sessionStanding, verifyCredentials } from "./users";

/**
 * Sign-in with local accounts and, when configured, an OpenID Connect
 * provider. Sessions are signed, encrypted JWT cookies carrying only the
 * user's id, name and role (plus the session's own id and start); never an
 * Inter-Hub key or the provider's tokens. Every read of a session checks the
 * database: a disabled user, a signed-out session or one older than
 * SESSION_MAX_AGE_S is over, and the role is the one the user has now.
 */
declare module "next-auth" {
  interface Session {
    user: { id: string; name: string; role: Role } & Omit<DefaultSession["user"], "name">;
  }
  interface User {
    role?: Role;
  }
}

/** The provider id in /api/auth/signin/<id> and the callback /api/auth/callback/<id>. */
export const OIDC_PROVIDER_ID = "oidc";

/** Too many attempts for this username from this address: try again after `retryAfterSeconds`. */
export class ThrottledSignIn extends CredentialsSignin {
  code = "throttled";
  readonly retryAfterSeconds: number;
  constructor(retryAfterMs: number) {
    super();
    this.retryAfterSeconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  }
}

const credentialsSchema = z.object({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(1000),
});

/** What ops-hub keeps in a session token, read back defensively. */
const sessionTokenSchema = z.object({
  sub: z.string().min(1),
  sid: z.string().min(1),
  /** When the user signed in, in milliseconds since the epoch. */
  authTime: z.number(),
});

const throttle = processSingleton("signin-throttle", () => createThrottle());

/**
 * The address a sign-in comes from, for the throttle: the connection's peer,
 * or behind OPS_HUB_TRUSTED_PROXIES the client they name; never a header a
 * client can set (see lib/security/client-address.ts).
 */
function signInAddress(headers: Pick<Headers, "get">): string | undefined {
  return clientAddress(headers, getEnv().OPS_HUB_TRUSTED_PROXIES);
}

/** How long this username must wait before trying again from this request's address; 0 when free. */
export function signInRetryAfterMs(username: string, headers: Pick<Headers, "get">): number {
  return throttle.retryAfterMs({ username, address: signInAddress(headers) });
}

/** The session secret: AUTH_SECRET, else one generated on first start and kept in the data directory. */
export function sessionSecret(): string {
  return persistentSecret(dataPath("auth-secret"), getEnv().AUTH_SECRET, () =>
    randomBytes(32).toString("base64url"),
  );
}

/** The name ops-hub shows for a provider's user: their login name where it has one. */
function usernameFromClaims(claims: Record<string, unknown>): string {
  for (const claim of ["preferred_username", "email", "name", "sub"]) {
    const value = claims[claim];
    if (typeof value === "string" && value.trim() !== "") return value.trim().slice(0, 100);
  }
  return "unnamed";
}

function oidcProvider(config: OidcConfig): OIDCConfig<Record<string, unknown>> {
  return {
    id: OIDC_PROVIDER_ID,
    name: config.displayName,
    type: "oidc",
    issuer: config.issuer,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    authorization: { params: { scope: config.scopes } },
    checks: ["pkce", "state", "nonce"],
    // The provider's groups become the strongest ops-hub role they map to;
    // without one, the signIn callback refuses the user.
    profile(claims) {
      return {
        id: String(claims.sub),
        name: usernameFromClaims(claims),
        role: roleForGroups(claims[config.groupsClaim], config.roleMap, config.defaultRole),
      };
    },
  };
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => {
  const oidc = oidcConfig(getEnv());
  return {
    secret: sessionSecret(),
    trustHost: true,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_S },
    // Refusals (AccessDenied) and provider failures land on the sign-in page.
    pages: { signIn: "/signin", error: "/signin" },
    logger: {
      // A wrong password is expected, not an error worth a stack trace. For
      // the rest: Auth.js's own type and the underlying cause (e.g. what the
      // identity provider answered); never a token.
      error: (error) => {
        const { type } = error as { type?: string };
        // Refusals are logged where they are decided (the signIn callback).
        if (error instanceof CredentialsSignin || type === "AccessDenied") return;
        const cause = (error.cause as { err?: unknown } | undefined)?.err;
        console.error(
          "[auth]",
          type ?? error.name,
          cause instanceof Error ? cause.message : error.message,
        );
      },
      warn: () => {},
    },
    providers: [
      Credentials({
        credentials: {
          username: { label: "Username" },
          password: { label: "Password", type: "password" },
        },
        async authorize(raw, request) {
          const parsed = credentialsSchema.safeParse(raw);
          if (!parsed.success) return null;
          const { username, password } = parsed.data;
          // Counted before the password is checked, so parallel guesses see each other.
          const attempt = throttle.attempt({ username, address: signInAddress(request.headers) });
          if (!attempt.allowed) throw new ThrottledSignIn(attempt.retryAfterMs);
          if (attempt.delayMs > 0) await setTimeout(attempt.delayMs);
          const user = await verifyCredentials(username, password);
          if (!user) return null;
          attempt.succeeded();
          return { id: user.id, name: user.username, role: user.role };
        },
      }),
      ...(oidc ? [oidcProvider(oidc)] : []),
    ],
    callbacks: {
      async signIn({ user, account }) {
        if (account?.provider !== OIDC_PROVIDER_ID) return true;
        const name = user.name ?? account.providerAccountId;
        if (!oidc || !user.role) {
          console.info(
            `[auth] refused ${name} from the identity provider: in no group with a role`,
          );
          return false;
        }
        const record = await recordOidcSignIn({
          issuer: oidc.issuer,
          subject: account.providerAccountId,
          username: name,
          role: user.role,
        });
        if (record.disabled) {
          console.info(`[auth] refused ${record.username} from the identity provider: disabled`);
          return false;
        }
        // Without a database adapter, Auth.js hands this very object to the
        // jwt callback: the session gets ops-hub's user id, not the subject.
        user.id = record.id;
        user.name = record.username;
        return true;
      },
      async jwt({ token, user }): Promise<JWT | null> {
        if (user) {
          // A fresh token with only what ops-hub needs: nothing from the provider.
          return {
            sub: user.id,
            name: user.name,
            role: user.role,
            sid: randomUUID(),
            authTime: Date.now(),
          };
        }
        const session = sessionTokenSchema.safeParse(token);
        if (!session.success) return null;
        const { sub, sid, authTime } = session.data;
        const standing = await sessionStanding(sub, sid);
        // Gone or disabled (null), signed out, cut off, or simply too old.
        if (!standing || sessionIsOver(authTime, standing, Date.now())) return null;
        // The name and role as they are now: an admin's change applies at once.
        return { ...token, name: standing.username, role: standing.role };
      },
      session({ session, token }) {
        session.user = {
          ...session.user,
          id: token.sub ?? "",
          name: token.name ?? "",
          role: isRole(token.role) ? token.role : "viewer",
        };
        return session;
      },
    },
    events: {
      // Signing out ends the session for good, not only in this browser: a
      // copy of the cookie is refused from now on.
      async signOut(message) {
        const session = "token" in message ? sessionTokenSchema.safeParse(message.token) : null;
        if (session?.success)
          await endSession(
            session.data.sid,
            new Date(session.data.authTime + SESSION_MAX_AGE_S * 1000),
          );
      },
    },
  };
});
