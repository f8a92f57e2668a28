import { documentationUrl } from "../docs-links.js";
import { originOf } from "../types.js";
import type { Reporter } from "./types.js";

/**
 * istioctl analyze's `-o json` objects (code, documentationUrl, level, message, origin,
 * reference), tab-indented as istioctl prints them, plus gwctl's rule, field path and the
 * file, line and column of the field.
 */
export const jsonReporter: Reporter = (findings) => {
  const items = findings.map((f) => ({
    code: f.code,
    documentationUrl: documentationUrl(f.code),
    level: f.severity,
    message: f.message,
    origin: originOf(f.resource),
    reference: `${f.location.file}:${f.location.line}`,
    rule: f.rule,
    name: f.name,
    path: f.path,
    file: f.location.file,
    line: f.location.line,
    column: f.location.column,
  }));
  return `${JSON.stringify(items, null, "\t")}\n`;
};
