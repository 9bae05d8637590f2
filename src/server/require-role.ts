/**
 * Bearer-token authentication for the REST API, as Hono middleware: no or unknown token → 401
 * (with `WWW-Authenticate`), a token whose role is below the route's → 403. The role granted is
 * put on the context for handlers that want it.
 */
import type { MiddlewareHandler } from "hono";
import { roleAllows, type Role, type TokenStore } from "./token-store.js";

export type AuthEnv = { Variables: { role: Role } };

export function requireRole(tokens: TokenStore, required: Role): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    const header = c.req.header("authorization") ?? "";
    const match = /^Bearer ([A-Za-z0-9._~+/=-]{1,200})$/.exec(header);
    const role = match?.[1] === undefined ? undefined : tokens.verify(match[1]);
    if (role === undefined) {
      c.header("WWW-Authenticate", 'Bearer realm="custody"');
      return c.json({ error: "unauthorized", message: "A valid API token is required: send `Authorization: Bearer <token>` (create one with `custody serve token create`)." }, 401);
    }
    if (!roleAllows(role, required)) {
      return c.json({ error: "forbidden", message: `This route needs the ${required} role; the token has ${role}.` }, 403);
    }
    c.set("role", role);
    await next();
    return undefined;
  };
}
