import { originOf, type Severity } from "../types.js";
import type { Reporter } from "./types.js";

const COMMAND: Record<Severity, string> = { Error: "error", Warning: "warning", Info: "notice" };

/** Workflow command escaping (actions/toolkit): data escapes %, CR, LF; properties also : and ,. */
function escapeData(s: string): string {
  return s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

/** GitHub Actions annotations: `::error file=…,line=…,col=…,title=…::message`. */
export const githubReporter: Reporter = (findings) => {
  let out = "";
  for (const f of findings) {
    const props = [
      `file=${escapeProperty(f.location.file)}`,
      `line=${f.location.line}`,
      `col=${f.location.column}`,
      `title=${escapeProperty(`${f.code} ${f.name}`)}`,
    ].join(",");
    out += `::${COMMAND[f.severity]} ${props}::${escapeData(`${f.message} (${originOf(f.resource)}, ${f.path})`)}\n`;
  }
  return out;
};
