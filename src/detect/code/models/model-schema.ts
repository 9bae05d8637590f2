/**
 * The policy's own taint models (`detectors.code.models`): rows in the shape of the built-in
 * ones, each naming its package. A bad access path is a policy error naming the row and token.
 */
import { z } from "zod";
import { VULN_CLASSES } from "../taint-rule.js";
import { AccessPathError, parseAccessPath } from "./access-path.js";
import { packageBase } from "./compile-models.js";

const identifier = z.string().regex(/^[A-Za-z_$][\w$]*$/, "must be an identifier");

export const policyModelSchema = z
  .strictObject({
    /** npm package name, or `global`. */
    package: z.string().min(1),
    kind: z.enum(["sink", "source", "sanitizer", "summary"]),
    path: z.string().min(1),
    class: z.enum(VULN_CLASSES).optional(),
    clears: z.union([z.literal("all"), z.array(z.enum(VULN_CLASSES)).min(1)]).optional(),
    receivers: z.array(identifier).optional(),
    label: z.string().min(1).optional(),
  })
  .superRefine((row, context) => {
    try {
      const parsed = parseAccessPath(packageBase(row.package), row.path);
      if (row.kind === "sink" && row.class === undefined) {
        context.addIssue({ code: "custom", path: ["class"], message: "a sink needs the class it leads to (e.g. command-injection)" });
      }
      if ((row.kind === "source" || row.kind === "sanitizer" || row.kind === "summary") && parsed.args !== undefined) {
        context.addIssue({
          code: "custom",
          path: ["path"],
          message: `a ${row.kind} path ends in Member[…] or ReturnValue, not Argument[…]`,
        });
      }
    } catch (error) {
      if (!(error instanceof AccessPathError)) {
        throw error;
      }
      context.addIssue({ code: "custom", path: ["path"], message: error.message });
    }
  });
