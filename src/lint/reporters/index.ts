import { githubReporter } from "./github.js";
import { jsonReporter } from "./json.js";
import { sarifReporter } from "./sarif.js";
import { textReporter } from "./text.js";
import type { Reporter } from "./types.js";

export type OutputFormat = "text" | "json" | "sarif" | "github";

export const REPORTERS: Readonly<Record<OutputFormat, Reporter>> = {
  text: textReporter,
  json: jsonReporter,
  sarif: sarifReporter,
  github: githubReporter,
};

export type { ReportContext, Reporter } from "./types.js";
