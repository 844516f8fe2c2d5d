#!/usr/bin/env node
// A real OpenID Connect provider for tests: `oidc-provider` (a certified
// implementation, as Keycloak, Authentik or Gitea would be for ops-hub) on
// loopback, with one static confidential client and three users whose groups
// map to different ops-hub roles. Its own small sign-in page checks each
// user's password; consent is pre-granted, as for a first-party client.
// Test data only: none of these secrets protect anything.
import { generateKeyPairSync } from "node:crypto";
import { createServer } from "node:http";
import { fileURLToPath } from "node:url";
import Provider from "oidc-provider";

export const OIDC_TEST_CLIENT = {
  id: "ops-hub-test",
  secret: "ops-hub-test-client-secret-for-loopback-only",
};

/** Groups as an IdP would send them in the `groups` claim. */
export const OIDC_TEST_USERS = {
  olivia: { password: "olivia-test-password", name: "Olivia Ops", groups: ["staff", "ops"] },
  avery: {
    password: "avery-test-password",
    name: "Avery Approver",
    groups: ["ops", "ops-approvers"],
  },
  sam: { password: "sam-test-password", name: "Sam Sales", groups: ["staff", "sales"] },
};

const escape = (text) =>
  String(text).replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c],
  );

function loginPage(uid, { username = "", error = "" } = {}) {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Test IdP sign-in</title></head>
<body><main>
<h1>Test IdP</h1>
<form method="post" action="/interaction/${escape(uid)}/login">
<label>Username <input name="username" autocomplete="username" value="${escape(username)}"></label>
<label>Password <input name="password" type="password" autocomplete="current-password"></label>
<p role="alert">${escape(error)}</p>
<button type="submit">Continue</button>
</form>
</main></body></html>`;
}

async function formBody(req) {
  let body = "";
  for await (const chunk of req) {
    body += chunk;
    if (body.length > 10_000) throw new Error("form too large");
  }
  return new URLSearchParams(body);
}

/**
 * Starts the provider on a free loopback port; its issuer is
 * http://localhost:<port> (Auth.js needs `localhost`, see the README).
 * @param {{ redirectUris: string[], port?: number }} options
 */
export async function startOidcTestProvider({ redirectUris, port = 0 }) {
  const server = createServer();
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "localhost", resolve);
  });
  const issuer = `http://localhost:${server.address().port}`;
  const signingKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({
    format: "jwk",
  });

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: OIDC_TEST_CLIENT.id,
        client_secret: OIDC_TEST_CLIENT.secret,
        redirect_uris: redirectUris,
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    jwks: { keys: [{ ...signingKey, kid: "test-signing-key", use: "sig", alg: "RS256" }] },
    cookies: { keys: ["oidc-test-provider-cookie-key"] },
    claims: {
      openid: ["sub"],
      profile: ["name", "preferred_username"],
      email: ["email", "email_verified"],
      groups: ["groups"],
    },
    // Claims of the granted scopes go into the ID token too, as Gitea,
    // Authentik and a Keycloak group mapper put them there.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    async findAccount(_ctx, id) {
      const user = OIDC_TEST_USERS[id];
      if (!user) return undefined;
      return {
        accountId: id,
        claims: async () => ({
          sub: id,
          name: user.name,
          preferred_username: id,
          email: `${id}@idp.test`,
          email_verified: true,
          groups: user.groups,
        }),
      };
    },
    // A first-party client: no consent screen.
    async loadExistingGrant(ctx) {
      const { client, session, result } = ctx.oidc;
      const grantId = result?.consent?.grantId ?? session.grantIdFor(client.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({
        clientId: client.clientId,
        accountId: session.accountId,
      });
      grant.addOIDCScope("openid profile email groups");
      await grant.save();
      return grant;
    },
  });
  const oidc = provider.callback();

  async function interaction(req, res, uid, step) {
    const details = await provider.interactionDetails(req, res);
    if (details.uid !== uid || details.prompt.name !== "login") {
      res.writeHead(400, { "content-type": "text/plain" }).end("unexpected interaction");
      return;
    }
    if (step !== "login" || req.method !== "POST") {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(loginPage(uid));
      return;
    }
    const form = await formBody(req);
    const username = form.get("username") ?? "";
    const user = Object.hasOwn(OIDC_TEST_USERS, username) ? OIDC_TEST_USERS[username] : undefined;
    if (!user || user.password !== form.get("password")) {
      res
        .writeHead(200, { "content-type": "text/html; charset=utf-8" })
        .end(loginPage(uid, { username, error: "Wrong username or password." }));
      return;
    }
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId: username } },
      { mergeWithLastSubmission: false },
    );
  }

  server.on("request", (req, res) => {
    const match = /^\/interaction\/([\w-]+)(?:\/(login))?$/.exec(req.url?.split("?")[0] ?? "");
    if (!match) return oidc(req, res);
    interaction(req, res, match[1], match[2]).catch((error) => {
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end(`interaction failed: ${error.message}`);
    });
  });

  return {
    issuer,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// By hand: `node scripts/oidc-test-provider.mjs http://localhost:3000/api/auth/callback/oidc`
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const redirectUris = process.argv.slice(2);
  if (redirectUris.length === 0) {
    console.error("usage: node scripts/oidc-test-provider.mjs <redirect URI>...");
    process.exit(2);
  }
  const { issuer } = await startOidcTestProvider({
    redirectUris,
    port: Number(process.env.PORT) || 0,
  });
  console.log(
    `[oidc-test-provider] issuer ${issuer}, client ${OIDC_TEST_CLIENT.id} / ${OIDC_TEST_CLIENT.secret}`,
  );
}
