import type { Style } from "../simulate/render.js";
import { colorsFor, type Io } from "./io.js";

/** Colours for traces and trees on stdout: only on a terminal, never with NO_COLOR or --no-color. */
export function traceStyle(io: Io, noColorFlag: boolean): Style {
  const c = colorsFor(io.stdout, io.env, noColorFlag);
  return { ok: (s) => c.green(s), bad: (s) => c.red(s), dim: (s) => c.dim(s), bold: (s) => c.bold(s) };
}
