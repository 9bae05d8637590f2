/** Entry points whose parameters are user input without a request object: Lambda handlers and message listeners. */
import { describe, expect, it } from "vitest";
import { findingsFor } from "../__fixtures__/rule-test-table.js";

function found(code: string, ruleId: string, file = "sample.js"): (number | undefined)[] {
  return findingsFor(code, file)
    .filter((finding) => finding.ruleId === ruleId)
    .map((finding) => finding.location?.startLine);
}

describe("AWS Lambda handlers", () => {
  it.each([
    [
      "exports.handler",
      "const cp = require('child_process');\nexports.handler = async (event) => {\n  cp.execSync('convert ' + event.queryStringParameters.file);\n};",
    ],
    [
      "module.exports.handler",
      "const cp = require('child_process');\nmodule.exports.handler = async function (event, context) {\n  cp.execSync('convert ' + event.body);\n};",
    ],
    [
      "export const handler",
      "import { execSync } from 'child_process';\nexport const handler = async (evt) => {\n  execSync(`convert ${JSON.parse(evt.body).file}`);\n};",
    ],
  ])("%s: the event is user input", (_name, code) => {
    expect(found(code, "taint/command-injection")).toEqual([3]);
  });

  it("other exports and other parameters are not sources", () => {
    expect(
      found(
        "const cp = require('child_process');\nexports.build = async (event) => {\n  cp.execSync('convert ' + event.file);\n};",
        "taint/command-injection",
      ),
    ).toEqual([]);
    expect(
      found(
        "const cp = require('child_process');\nexports.handler = async (event, context) => {\n  cp.execSync('echo ' + context.functionName);\n};",
        "taint/command-injection",
      ),
    ).toEqual([]);
  });
});

describe("postMessage listeners", () => {
  it("event.data from addEventListener('message') reaches innerHTML", () => {
    const code = "window.addEventListener('message', (event) => {\n  document.getElementById('out').innerHTML = event.data.html;\n});";
    expect(found(code, "taint/xss", "page.js")).toEqual([2]);
  });

  it("onmessage too; other events and other event fields are not sources", () => {
    expect(found("window.onmessage = function (e) {\n  document.body.innerHTML = e.data;\n};", "taint/xss", "page.js")).toEqual([2]);
    expect(
      found("window.addEventListener('click', (event) => {\n  document.body.innerHTML = event.data;\n});", "taint/xss", "page.js"),
    ).toEqual([]);
    expect(
      found("window.addEventListener('message', (event) => {\n  document.body.innerHTML = event.origin;\n});", "taint/xss", "page.js"),
    ).toEqual([]);
  });
});
