import type { Finding, Rule, Severity } from "../types.js";

export interface ReportContext {
  /** The rules that ran (their metadata describes the codes in SARIF). */
  readonly rules: readonly Rule[];
  /** gwctl's version, for tool metadata. */
  readonly version: string;
  /** Colour a line's level prefix (text format only); identity when colours are off. */
  readonly colorize?: (severity: Severity, text: string) => string;
}

/** A reporter turns findings into the text written to stdout. Pure: no I/O. */
export type Reporter = (findings: readonly Finding[], ctx: ReportContext) => string;
