/** puppeteer and playwright: `page.goto(url)` fetches from the server; `page.evaluate(code)` runs script. */
import type { PackageModels, TaintModel } from "./taint-model.js";

function pageModels(launcher: string): TaintModel[] {
  const page = `${launcher}.ReturnValue.Member[newPage].ReturnValue`;
  return [
    { kind: "sink", path: `${page}.Member[goto].Argument[0]`, class: "ssrf", receivers: ["page", "tab"], label: "page.goto" },
    {
      kind: "sink",
      path: `${page}.Member[evaluate,evaluateHandle,addScriptTag,setContent].Argument[0]`,
      class: "code-injection",
      receivers: ["page", "tab"],
      label: "page.evaluate",
    },
  ];
}

export const puppeteerModels: PackageModels = {
  package: "puppeteer",
  doc: "https://pptr.dev/api/puppeteer.page.goto — a URL the server's browser loads.",
  models: pageModels("Member[launch]"),
  samples: {
    invalid: [
      {
        name: "goto user URL",
        class: "ssrf",
        code: "const puppeteer = require('puppeteer');\napp.get('/shot', async (req, res) => {\n  const browser = await puppeteer.launch();\n  const page = await browser.newPage();\n  await page.goto(req.query.url);\n});",
        line: 5,
      },
    ],
    valid: [
      {
        name: "fixed origin",
        class: "ssrf",
        code: "const puppeteer = require('puppeteer');\napp.get('/shot', async (req, res) => {\n  const browser = await puppeteer.launch();\n  const page = await browser.newPage();\n  await page.goto('https://example.com/report/' + encodeURIComponent(req.query.id));\n});",
      },
    ],
  },
};

export const playwrightModels: PackageModels = {
  package: "playwright",
  doc: "https://playwright.dev/docs/api/class-page#page-goto",
  models: pageModels("Member[chromium,firefox,webkit].Member[launch]"),
  samples: {
    invalid: [
      {
        name: "evaluate user code",
        class: "code-injection",
        code: "import { chromium } from 'playwright';\napp.post('/run', async (req, res) => {\n  const browser = await chromium.launch();\n  const page = await browser.newPage();\n  await page.evaluate(req.body.script);\n});",
        line: 5,
      },
    ],
    valid: [],
  },
};
