/**
 * Runs the server (startServer, as `custody serve` does) in a child process, for tests over a
 * real port that kill it mid-flight. Arguments mirror `custody serve`: `serve --port P --ledger
 * FILE --state FILE`, secret in CUSTODY_WEBHOOK_SECRET, the GitHub App (when set) in
 * CUSTODY_APP_ID, CUSTODY_APP_PRIVATE_KEY and CUSTODY_GITHUB_API_URL, with the JSON log lines on
 * stdout. It prints the same "listening on URL"
 * line and stops cleanly on SIGTERM. A server fixture starts the server, not the CLI: the CLI
 * sits above the server and a test of the server must not depend on it.
 */
import { parseArgs } from "node:util";
import { startServer } from "../start-server.js";

const { values } = parseArgs({
  args: process.argv.slice(2),
  allowPositionals: true,
  options: {
    port: { type: "string", default: "0" },
    host: { type: "string", default: "127.0.0.1" },
    ledger: { type: "string" },
    state: { type: "string" },
  },
});
const secret = process.env.CUSTODY_WEBHOOK_SECRET;
if (values.ledger === undefined || values.state === undefined || secret === undefined) {
  throw new Error("serve-child needs --ledger, --state and CUSTODY_WEBHOOK_SECRET");
}
const running = await startServer({
  port: Number(values.port),
  host: values.host,
  ledger: { store: "sqlite", path: values.ledger },
  statePath: values.state,
  webhookSecret: secret,
  ...(process.env.CUSTODY_APP_ID === undefined || process.env.CUSTODY_APP_PRIVATE_KEY === undefined
    ? {}
    : {
        githubApp: {
          appId: process.env.CUSTODY_APP_ID,
          privateKey: process.env.CUSTODY_APP_PRIVATE_KEY,
          ...(process.env.CUSTODY_GITHUB_API_URL === undefined ? {} : { baseUrl: process.env.CUSTODY_GITHUB_API_URL }),
        },
        log: (line: object) => process.stdout.write(`${JSON.stringify(line)}\n`),
      }),
});
process.stdout.write(`Custody listening on ${running.url} (webhooks: ${running.url}/webhooks/github)\n`);
process.once("SIGTERM", () => {
  void running.stop();
});
