/**
 * The layer rules (eslint.layers.js) bite: ESLint with only the wall rules, over probes that
 * break a wall and probes that keep to it. `npm run lint` runs the same zones over the tree.
 */
import { ESLint } from "eslint";
import { createNodeResolver, importX } from "eslint-plugin-import-x";
import tseslint from "typescript-eslint";
import { describe, expect, it } from "vitest";
import { LAYERS, layerZones, PENDING_BREACHES } from "../eslint.layers.js";

const root = new URL("..", import.meta.url).pathname;

function wallsOnly(zones = layerZones()): ESLint {
  return new ESLint({
    cwd: root,
    overrideConfigFile: true,
    allowInlineConfig: false,
    overrideConfig: [
      {
        files: ["**/*.ts"],
        languageOptions: { parser: tseslint.parser },
        plugins: { "import-x": importX },
        settings: { "import-x/resolver-next": [createNodeResolver({ extensionAlias: { ".js": [".ts", ".js"] } })] },
        rules: { "import-x/no-restricted-paths": ["error", { zones }] },
      },
    ],
  });
}

async function problems(code: string, filePath: string, zones = layerZones()): Promise<string[]> {
  const [result] = await wallsOnly(zones).lintText(code, { filePath: `${root}${filePath}` });
  return (result?.messages ?? []).map((message) => message.message);
}

describe("the layer rules", () => {
  it.each([
    ["src/server/__probe__.ts", 'import { buildProgram } from "../cli/main.js";\n', "src/server may import only"],
    ["src/ledger/__probe__.ts", 'import { policySchema } from "../policy/schema/policy-schema.js";\n', "src/ledger may import only"],
    ["src/model/__probe__.ts", 'import { runCheck } from "../engine/run-check.js";\n', "src/model may import only"],
    ["src/provenance/__probe__.ts", 'import { readChange } from "../sources/git/read-change.js";\n', "src/provenance may import only"],
    ["src/engine/__probe__.ts", 'import { renderText } from "../report/text.js";\n', "src/engine may import only"],
  ])("refuses a forbidden import in %s", async (file, code, message) => {
    const found = await problems(code, file);
    expect(found).toHaveLength(1);
    expect(found[0]).toContain(message);
  });

  it("allows the imports the layout allows", async () => {
    expect(
      await problems(
        'import { runCheck } from "../engine/run-check.js";\nimport { CustodyError } from "../model/errors.js";\n',
        "src/cli/__probe__.ts",
      ),
    ).toEqual([]);
    expect(await problems('import { CustodyError } from "../model/errors.js";\n', "src/detect/__probe__.ts")).toEqual([]);
  });

  it("names every src folder, and lists pending breaches only for folders it knows", () => {
    const folders = Object.keys(LAYERS);
    for (const [layer, allowed] of Object.entries(LAYERS)) {
      expect(allowed.filter((name) => name !== "(root)" && !folders.includes(name))).toEqual([]);
      expect(allowed).not.toContain(layer);
    }
    expect(Object.keys(PENDING_BREACHES).filter((layer) => !folders.includes(layer))).toEqual([]);
  });
});
