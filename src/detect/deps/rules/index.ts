/**
 * Every dependency rule, in ONE typed table. The detector runs them in this order; the
 * meta-test checks ids are unique, prefixed "deps/", named after their files, and that each has
 * tests with a true positive and a true negative.
 */
import { addedRule } from "./added.js";
import { advisoriesUnavailableRule } from "./advisories-unavailable.js";
import { advisorySourceRule } from "./advisory-source.js";
import { changedRule } from "./changed.js";
import type { DepsRule } from "./deps-rule.js";
import { deniedLicenseRule } from "./denied-license.js";
import { duplicatePurposeRule } from "./duplicate-purpose.js";
import { installScriptRule } from "./install-script.js";
import { lockfileInvalidRule } from "./lockfile-invalid.js";
import { malwareRule } from "./malware.js";
import { removedRule } from "./removed.js";
import { typosquatRule } from "./typosquat.js";
import { unknownPackageRule } from "./unknown-package.js";
import { vulnerableRule } from "./vulnerable.js";

export const DEPS_RULES = [
  lockfileInvalidRule,
  advisoriesUnavailableRule,
  malwareRule,
  vulnerableRule,
  typosquatRule,
  unknownPackageRule,
  installScriptRule,
  deniedLicenseRule,
  duplicatePurposeRule,
  addedRule,
  changedRule,
  removedRule,
  advisorySourceRule,
] as const satisfies readonly DepsRule[];
