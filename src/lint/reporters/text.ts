import { originOf } from "../types.js";
import type { Reporter } from "./types.js";

/**
 * istioctl analyze's log format, one line per finding:
 * `Error [IST0101] (VirtualService default/reviews virtualservice.yaml:11) Referenced …`.
 */
export const textReporter: Reporter = (findings, ctx) => {
  let out = "";
  for (const f of findings) {
    const prefix = `${f.severity} [${f.code}]`;
    const level = ctx.colorize ? ctx.colorize(f.severity, prefix) : prefix;
    out += `${level} (${originOf(f.resource)} ${f.location.file}:${f.location.line}) ${f.message}\n`;
  }
  return out;
};
