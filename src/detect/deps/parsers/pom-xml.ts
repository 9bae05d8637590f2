/**
 * pom.xml: `<dependencies>` of the project (not `<dependencyManagement>`, which only sets
 * versions, nor plugins). Names are "groupId:artifactId" as OSV's Maven ecosystem spells them.
 * `${property}` versions are resolved from `<properties>` and the project's own version;
 * a version range ("[1.0,2.0)") is a range, anything else a version. Scope `test` is dev.
 * fast-xml-parser never resolves external entities, and its validator gives the line of a
 * syntax error.
 */
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { z } from "zod";
import { lockfileError, parseWith } from "../lockfile-error.js";
import type { Package } from "../package.js";

const text = z.union([z.string(), z.number()]).transform(String);
const dependencySchema = z.looseObject({
  groupId: text,
  artifactId: text,
  version: text.optional(),
  scope: text.optional(),
});

const pomSchema = z.looseObject({
  project: z.looseObject({
    version: text.optional(),
    parent: z.looseObject({ version: text.optional() }).optional(),
    properties: z.record(z.string(), z.unknown()).optional().catch(undefined),
    // An empty element parses as "", one child as an object, several as an array.
    dependencies: z.preprocess(
      (value) => (value === "" ? undefined : value),
      z
        .looseObject({
          dependency: z.preprocess(
            (value: unknown) => (value === undefined || value === "" ? [] : Array.isArray(value) ? (value as unknown[]) : [value]),
            z.array(dependencySchema),
          ),
        })
        .optional(),
    ),
  }),
});

export function parsePomXml(xml: string, file: string): Package[] {
  // Without validation the parser silently accepts mismatched and unclosed tags. The validator
  // is deprecated in favour of the separate fast-xml-validator package, which is not a
  // dependency; it still ships and works in fast-xml-parser 5 (see docs/decisions.md).
  // eslint-disable-next-line @typescript-eslint/no-deprecated
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw lockfileError(file, `not well-formed XML (${valid.err.msg})`, { line: valid.err.line });
  }
  const parser = new XMLParser({ ignoreAttributes: true, processEntities: false, parseTagValue: false, trimValues: true });
  const pom = parseWith(pomSchema, parser.parse(xml) as unknown, file);
  const project = pom.project;
  const properties = new Map<string, string>();
  for (const [key, value] of Object.entries(project.properties ?? {})) {
    if (typeof value === "string" || typeof value === "number") {
      properties.set(key, String(value));
    }
  }
  const projectVersion = project.version ?? project.parent?.version;
  if (projectVersion !== undefined) {
    properties.set("project.version", projectVersion);
  }
  return (project.dependencies?.dependency ?? []).map((dependency) => {
    const version = dependency.version === undefined ? undefined : interpolate(dependency.version, properties);
    const isRange = version !== undefined && /^[[(]/.test(version);
    const unresolved = version?.includes("${") === true;
    return {
      ecosystem: "Maven" as const,
      name: `${dependency.groupId}:${dependency.artifactId}`,
      ...(version === undefined ? {} : { range: version }),
      ...(version === undefined || isRange || unresolved ? {} : { version }),
      direct: true,
      dev: dependency.scope === "test",
      anchor: `<artifactId>${dependency.artifactId}</artifactId>`,
    };
  });
}

/** Replaces ${name} from the POM's properties (one level, as most POMs need). */
function interpolate(value: string, properties: ReadonlyMap<string, string>): string {
  return value.replace(/\$\{([^}]+)\}/g, (whole, name: string) => properties.get(name) ?? whole);
}
