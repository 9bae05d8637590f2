/**
 * deps/advisory-source: which advisory source the packages were checked against and how current
 * it is ("OSV export vendor/osv, records up to 2026-12-01"), so a passing check says what it
 * passed against. Info, once per change that brings packages in.
 */
import type { DepsRule } from "./deps-rule.js";

export const advisorySourceRule: DepsRule = {
  meta: {
    id: "deps/advisory-source",
    category: "dependency",
    severity: "info",
    description: "Names the advisory source the added and updated packages were checked against, and its date.",
  },
  scope: "change",
  check: ({ advisoryStatus }) => {
    if (advisoryStatus?.ran !== true || advisoryStatus.source === undefined) {
      return [];
    }
    const date =
      advisoryStatus.date === undefined
        ? ""
        : `, ${advisoryStatus.source.startsWith("OSV API") ? "asked on" : "records up to"} ${advisoryStatus.date}`;
    return [
      {
        message: `Advisories checked against ${advisoryStatus.source}${date} (${String(advisoryStatus.records ?? 0)} records matched or loaded).`,
        properties: {
          source: advisoryStatus.source,
          ...(advisoryStatus.date === undefined ? {} : { date: advisoryStatus.date }),
          records: advisoryStatus.records ?? 0,
        },
      },
    ];
  },
};
