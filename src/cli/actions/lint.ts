import { readFileSync } from "node:fs";
import { parse as parseYaml } from "yaml";
import { atOrAbove, lint, parseSuppression, type Suppression } from "../../lint/engine.js";
import { knownCodes, RULES } from "../../lint/registry.js";
import { type OutputFormat, REPORTERS } from "../../lint/reporters/index.js";
import { parseSeverity, type Severity } from "../../lint/types.js";
import { buildMesh } from "../../mesh/build.js";
import { CliError, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from "../exit.js";
import { colorsFor, diagnostics, type Io } from "../io.js";
import { readObjects, reportWarnings } from "../manifest-source.js";
import { VERSION } from "../version.js";

interface Options {
  filename: string[];
  namespace: string;
  domainSuffix: string;
  output: OutputFormat;
  failureThreshold: string;
  outputThreshold: string;
  suppress: string[];
  certWarnDays: string;
  meshConfig?: string;
  defaultGateway: boolean;
  listRules?: boolean;
}

function level(flag: string, value: string): Severity {
  const s = parseSeverity(value);
  if (!s) throw new CliError(`invalid level option "${value}" for ${flag}: use Info, Warning or Error`);
  return s;
}

function listRules(io: Io): number {
  const rows = RULES.map((r) => [r.meta.code, r.meta.severity, r.meta.id, r.meta.description]);
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => (r[i] as string).length)));
  for (const r of rows)
    io.stdout.write(
      `${r
        .slice(0, 3)
        .map((c, i) => (c as string).padEnd(widths[i] as number))
        .join("  ")}  ${r[3]}\n`,
    );
  return EXIT_OK;
}

function readMeshConfig(io: Io, file: string): Record<string, unknown> {
  let text: string;
  try {
    text = file === "-" ? io.readStdin() : readFileSync(file, "utf8");
  } catch (e) {
    throw new CliError(`--mesh-config ${file}: ${(e as Error).message}`);
  }
  try {
    const parsed: unknown = parseYaml(text);
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
      throw new CliError(`--mesh-config ${file}: expected a MeshConfig mapping`);
    return parsed as Record<string, unknown>;
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(`--mesh-config ${file}: invalid YAML: ${(e as Error).message.split("\n")[0]}`);
  }
}

export async function runLint(
  io: Io,
  options: Record<string, unknown>,
  globals: Record<string, unknown>,
): Promise<number> {
  const o = options as unknown as Options;
  const noColor = globals.color === false;
  const d = diagnostics(io, noColor);
  if (o.listRules) return listRules(io);
  if (o.filename.length === 0) throw new CliError("lint needs manifests: -f FILE|DIR|- (repeatable)");
  const failureThreshold = level("--failure-threshold", o.failureThreshold);
  const outputThreshold = level("--output-threshold", o.outputThreshold);
  const certWarnDays = Number(o.certWarnDays);
  if (!Number.isInteger(certWarnDays) || certWarnDays < 0)
    throw new CliError(`--cert-warn-days takes a whole number of days, not "${o.certWarnDays}"`);
  const suppress: Suppression[] = [];
  const codes = knownCodes();
  for (const s of o.suppress) {
    const parsed = parseSuppression(s);
    if ("error" in parsed) throw new CliError(parsed.error);
    if (parsed.code !== "*" && !codes.includes(parsed.code))
      d.warn(
        `supplied message code '${parsed.code}' is an unknown message code and will not have any effect`,
      );
    suppress.push(parsed);
  }
  const meshConfig = o.meshConfig ? readMeshConfig(io, o.meshConfig) : undefined;

  const read = readObjects(io, d, { paths: o.filename, namespace: o.namespace });
  // istiod would reject some objects: lint reports them as findings, not as input errors.
  const built = buildMesh(read.objects, { domainSuffix: o.domainSuffix });
  reportWarnings(d, built.warnings);

  const findings = lint(
    { objects: read.objects, mesh: built.mesh, rejected: built.rejected },
    {
      now: io.now(),
      certWarnDays,
      defaultGateway: o.defaultGateway,
      suppress,
      ...(meshConfig && { meshConfig }),
    },
    RULES,
  );
  const shown = atOrAbove(findings, outputThreshold);
  const c = colorsFor(io.stdout, io.env, noColor);
  const colorize = (s: Severity, text: string) =>
    s === "Error" ? c.bold.red(text) : s === "Warning" ? c.yellow(text) : text;
  io.stdout.write(REPORTERS[o.output](shown, { rules: RULES, version: VERSION, colorize }));

  const target = o.filename.join(", ");
  const failing = atOrAbove(findings, failureThreshold).length > 0;
  if (shown.length === 0 && findings.length === 0)
    d.note(`✔ No validation issues found when analyzing ${target}.`);
  else if (failing)
    d.error(
      `found ${findings.length} issue${findings.length === 1 ? "" : "s"} when analyzing ${target} (see docs/lint-rules.md for causes and fixes)`,
    );
  if (read.errors.length > 0) return EXIT_USAGE;
  return failing ? EXIT_FINDINGS : EXIT_OK;
}
