import { isAbsolute } from "node:path";
import { pathToFileURL } from "node:url";
import { documentationUrl } from "../docs-links.js";
import { type Finding, originOf, type Rule, type Severity } from "../types.js";
import type { Reporter } from "./types.js";

const LEVEL: Record<Severity, "error" | "warning" | "note"> = {
  Error: "error",
  Warning: "warning",
  Info: "note",
};

export const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

/** An artifact URI: relative paths stay relative (code scanning resolves them against the checkout). */
export function artifactUri(file: string): string {
  if (isAbsolute(file)) return pathToFileURL(file).href;
  return file
    .replace(/\\/g, "/")
    .replace(/^\.\//, "")
    .split("/")
    .map((seg) => encodeURIComponent(seg))
    .join("/");
}

/** One reportingDescriptor per code; codes shared by several rules describe all of them. */
function descriptors(rules: readonly Rule[], used: readonly string[]) {
  const byCode = new Map<string, Rule[]>();
  for (const r of rules) {
    const l = byCode.get(r.meta.code);
    if (l) l.push(r);
    else byCode.set(r.meta.code, [r]);
  }
  for (const code of used) if (!byCode.has(code)) byCode.set(code, []);
  return [...byCode.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, list]) => {
      const first = list[0];
      const url = documentationUrl(code);
      const markdown = list
        .map((r) => `**${r.meta.id}**: ${r.meta.description}\n\n${r.meta.docs}`)
        .join("\n\n");
      return {
        id: code,
        ...(first && { name: first.meta.name }),
        shortDescription: { text: first ? first.meta.description : code },
        fullDescription: { text: list.map((r) => r.meta.description).join(" ") || code },
        ...(url.startsWith("https://") && { helpUri: url }),
        help: {
          text: list.map((r) => `${r.meta.id}: ${r.meta.description}`).join("\n") || code,
          markdown: markdown || code,
        },
        defaultConfiguration: { level: LEVEL[first?.meta.severity ?? "Warning"] },
        properties: { rules: list.map((r) => r.meta.id), tags: ["istio", "kubernetes"] },
      };
    });
}

function result(f: Finding, ruleIndex: number) {
  return {
    ruleId: f.code,
    ruleIndex,
    level: LEVEL[f.severity],
    message: { text: f.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: artifactUri(f.location.file) },
          region: { startLine: f.location.line, startColumn: f.location.column },
        },
        logicalLocations: [{ fullyQualifiedName: originOf(f.resource), kind: "resource" }],
      },
    ],
    partialFingerprints: {
      "gwctl/v1": `${f.code}|${originOf(f.resource)}|${f.path}|${f.message}`,
    },
    properties: { rule: f.rule, path: f.path, resource: f.resource },
  };
}

/** SARIF 2.1.0 for GitHub code scanning (and any other SARIF consumer). */
export const sarifReporter: Reporter = (findings, ctx) => {
  const rules = descriptors(
    ctx.rules,
    findings.map((f) => f.code),
  );
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const log = {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: { driver: { name: "gwctl", semanticVersion: ctx.version, version: ctx.version, rules } },
        results: findings.map((f) => result(f, index.get(f.code) ?? 0)),
        columnKind: "utf16CodeUnits",
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};
