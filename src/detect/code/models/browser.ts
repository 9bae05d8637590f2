/**
 * The browser: what the page's URL, referrer, cookies and window name hold is attacker-chosen
 * (a link can set all of them), and the DOM's navigation and script sinks. `innerHTML`,
 * `document.write` and `setTimeout(string)` are in the xss and code-injection rules.
 */
import type { PackageModels } from "./taint-model.js";

const URL_PARTS = "href,search,hash,pathname";

export const browserModels: PackageModels = {
  package: "global",
  doc: "https://developer.mozilla.org/en-US/docs/Web/API/Location — CodeQL's js/xss and js/client-side-unvalidated-url-redirection sources.",
  models: [
    { kind: "source", path: `Member[location,window.location,document.location,self.location,globalThis.location].Member[${URL_PARTS}]` },
    { kind: "source", path: "Member[document].Member[URL,documentURI,referrer,cookie,baseURI]" },
    { kind: "source", path: "Member[window,self].Member[name]" },
    {
      kind: "sink",
      path: `Member[location,window.location,document.location].Member[href]`,
      class: "open-redirect",
      label: "location.href =",
    },
    { kind: "sink", path: "Member[window,document].Member[location]", class: "open-redirect", label: "window.location =" },
    {
      kind: "sink",
      path: "Member[location,window.location,document.location].Member[assign,replace].Argument[0]",
      class: "open-redirect",
      label: "location.assign",
    },
    { kind: "sink", path: "Member[window].Member[open].Argument[0]", class: "open-redirect", label: "window.open" },
  ],
  samples: {
    invalid: [
      {
        name: "hash into innerHTML",
        class: "xss",
        file: "page.js",
        code: "const name = decodeURIComponent(location.hash.slice(1));\ndocument.getElementById('out').innerHTML = 'Hi ' + name;",
        line: 2,
      },
      {
        name: "query into location.href",
        class: "open-redirect",
        file: "page.js",
        code: "const next = new URLSearchParams(window.location.search).get('next');\nwindow.location.href = next;",
        line: 2,
      },
      {
        name: "referrer into document.write",
        class: "xss",
        file: "page.js",
        code: "document.write('<a href=\"' + document.referrer + '\">back</a>');",
        line: 1,
      },
    ],
    valid: [
      {
        name: "textContent",
        class: "xss",
        file: "page.js",
        code: "const name = location.hash.slice(1);\ndocument.getElementById('out').textContent = name;",
      },
      {
        name: "fixed same-site redirect",
        class: "open-redirect",
        file: "page.js",
        code: "const id = new URLSearchParams(location.search).get('id');\nlocation.href = '/items/' + encodeURIComponent(id);",
      },
    ],
  },
};
