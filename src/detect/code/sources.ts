/**
 * Where user input comes from, as data: the request objects of Express, Koa, Fastify, Hono and
 * Next.js. A request-like value is a handler parameter (by name or by position in a route
 * registration); property paths read from it are matched against these tables. Paths are
 * relative to the parameter: `req.query` is ["query"], Koa's `ctx.request.body` is
 * ["request", "body"], Hono's `c.req.query()` is the call path ["req", "query"].
 */

/** Parameter names treated as request-like in any function (req, Koa ctx, Hono c, …). */
export const REQUEST_PARAM_NAMES: ReadonlySet<string> = new Set(["req", "request", "ctx", "context", "c"]);

/** Member paths whose value is user input. */
const SOURCE_MEMBERS: readonly (readonly string[])[] = [
  // Express, Fastify, Next.js pages API, Koa's ctx shortcuts
  ["query"],
  ["params"],
  ["body"],
  ["headers"],
  ["header"],
  ["cookies"],
  ["signedCookies"],
  ["files"],
  ["file"],
  ["url"],
  ["originalUrl"],
  ["querystring"],
  ["search"],
  ["href"],
  ["path"],
  // Koa ctx.request.*
  ["request", "body"],
  ["request", "query"],
  ["request", "headers"],
  ["request", "header"],
  ["request", "querystring"],
  ["request", "url"],
  ["request", "href"],
  ["request", "search"],
  ["request", "files"],
  ["request", "params"],
  // Hono c.req.url / c.req.path
  ["req", "url"],
  ["req", "path"],
  // Next.js route handlers
  ["nextUrl", "searchParams"],
  ["nextUrl", "search"],
  ["nextUrl", "href"],
  ["nextUrl", "pathname"],
];

/** Method paths whose call result is user input. */
const SOURCE_CALLS: readonly (readonly string[])[] = [
  // Express req.get/header/param; Next.js request.json()/text()/formData()
  ["get"],
  ["header"],
  ["param"],
  ["json"],
  ["text"],
  ["formData"],
  ["arrayBuffer"],
  ["blob"],
  // Hono
  ["req", "query"],
  ["req", "queries"],
  ["req", "param"],
  ["req", "json"],
  ["req", "header"],
  ["req", "parseBody"],
  ["req", "text"],
  ["req", "formData"],
  ["req", "arrayBuffer"],
  // Koa
  ["cookies", "get"],
  ["request", "get"],
];

function startsWithPath(path: readonly string[], prefix: readonly string[]): boolean {
  return prefix.length <= path.length && prefix.every((part, index) => path[index] === part);
}

function equalPath(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && startsWithPath(a, b);
}

export type RequestPathKind = "source" | "intermediate" | "none";

/** What reading `path` from a request-like value gives: user input, a step on the way, or nothing. */
export function classifyMemberPath(path: readonly string[]): RequestPathKind {
  if (SOURCE_MEMBERS.some((candidate) => equalPath(path, candidate))) {
    return "source";
  }
  const onTheWay = (candidate: readonly string[]): boolean => candidate.length > path.length && startsWithPath(candidate, path);
  return SOURCE_MEMBERS.some(onTheWay) || SOURCE_CALLS.some(onTheWay) ? "intermediate" : "none";
}

export function isSourceCall(path: readonly string[]): boolean {
  return SOURCE_CALLS.some((candidate) => equalPath(path, candidate));
}

/** Route registration methods: `app.get('/x', handler)` marks `handler`'s first parameter as a request. */
export const ROUTE_METHODS: ReadonlySet<string> = new Set([
  "get",
  "post",
  "put",
  "patch",
  "delete",
  "del",
  "all",
  "use",
  "options",
  "head",
  "route",
  "on",
]);

/** Next.js App Router handlers: exported functions with these names take (request, { params }). */
export const NEXT_ROUTE_EXPORTS: ReadonlySet<string> = new Set(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]);
