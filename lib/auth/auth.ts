import "server-only";
import { randomBytes } from "node:crypto";
import NextAuth, { CredentialsSignin, type DefaultSession } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { dataPath, persistentSecret } from "@/lib/data-dir";
import { getEnv } from "@/lib/env";
import { processSingleton } from "@/lib/process-singleton";
import { roleSchema, type Role } from "./roles";
import { createThrottle } from "./throttle";
import { verifyCredentials } from "./users";

/**
 * Sign-in with local accounts. Sessions are signed JWT cookies carrying only
 * the user's id, name and role; never an Inter-Hub key or token.
 */
declare module "next-auth" {
  interface Session {
    user: { id: string; name: string; role: Role } & Omit<DefaultSession["user"], "name">;
  }
  interface User {
    role?: Role;
  }
}

export class ThrottledSignIn extends CredentialsSignin {
  code = "throttled";
}

const credentialsSchema = z.object({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(1000),
});

const throttle = processSingleton("signin-throttle", () => createThrottle());

/** The session secret: AUTH_SECRET, else one generated on first start and kept in the data directory. */
export function sessionSecret(): string {
  return persistentSecret(dataPath("auth-secret"), getEnv().AUTH_SECRET, () =>
    randomBytes(32).toString("base64url"),
  );
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  secret: sessionSecret(),
  trustHost: true,
  session: { strategy: "jwt", maxAge: 8 * 60 * 60 },
  pages: { signIn: "/signin" },
  logger: {
    // A wrong password is expected, not an error worth a stack trace.
    error: (error) => {
      if (!(error instanceof CredentialsSignin)) console.error("[auth]", error.name, error.message);
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
        const address = request.headers.get("x-forwarded-for")?.split(",")[0]?.trim() ?? "local";
        const keys = [`user:${username.toLowerCase()}`, `addr:${address}`];
        if (throttle.retryAfterMs(keys) > 0) throw new ThrottledSignIn();
        const user = await verifyCredentials(username, password);
        if (!user) {
          throttle.fail(keys);
          return null;
        }
        throttle.succeed(keys);
        return { id: user.id, name: user.username, role: user.role };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.sub = user.id;
        token.name = user.name;
        token.role = user.role;
      }
      return token;
    },
    session({ session, token }) {
      const role = roleSchema.safeParse(token.role);
      session.user = {
        ...session.user,
        id: token.sub ?? "",
        name: token.name ?? "",
        role: role.success ? role.data : "viewer",
      };
      return session;
    },
  },
}));
