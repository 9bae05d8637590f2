/**
 * The table of built-in taint models, one file a package (or family of packages), registered
 * here. The meta-test (index.test.ts) replays every file's samples; the detector compiles this
 * table plus the policy's `detectors.code.models` rows.
 */
import { childProcessModels } from "./child-process.js";
import { crossSpawnModels } from "./cross-spawn.js";
import { execaModels } from "./execa.js";
import { expressModels } from "./express.js";
import { browserModels } from "./browser.js";
import { fsExtraModels } from "./fs-extra.js";
import { playwrightModels, puppeteerModels } from "./headless-browsers.js";
import { htmlEntitiesModels, markdownItModels, sanitizeFilenameModels, xssFiltersModels } from "./html-sanitizers.js";
import { knexModels } from "./knex.js";
import { utilModels, vmModels } from "./node-core.js";
import { pgPromiseModels } from "./pg-promise.js";
import { rimrafModels } from "./rimraf.js";
import { sequelizeModels } from "./sequelize.js";
import { shelljsModels } from "./shelljs.js";
import type { PackageModels } from "./taint-model.js";
import { ejsModels, handlebarsModels, lodashTemplateModels, mustacheModels, nunjucksModels, pugModels } from "./template-engines.js";

export const PACKAGE_MODELS = [
  childProcessModels,
  execaModels,
  crossSpawnModels,
  shelljsModels,
  rimrafModels,
  fsExtraModels,
  pgPromiseModels,
  knexModels,
  sequelizeModels,
  pugModels,
  ejsModels,
  handlebarsModels,
  nunjucksModels,
  lodashTemplateModels,
  mustacheModels,
  expressModels,
  puppeteerModels,
  playwrightModels,
  vmModels,
  utilModels,
  browserModels,
  markdownItModels,
  xssFiltersModels,
  htmlEntitiesModels,
  sanitizeFilenameModels,
] as const satisfies readonly PackageModels[];
