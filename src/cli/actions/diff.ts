import { diffDumps } from "../../diff/diff.js";
import { type Pattern, parsePattern } from "../../diff/path.js";
import { jsonReport, type Paint, type Sides, textReport } from "../../diff/report.js";
import { checkChoice, isRuleName, RULES, type RuleChoice, type RuleName } from "../../diff/rules.js";
import { inEnvoySpelling } from "../../diff/spelling.js";
import { isResourceType, RESOURCE_TYPES, type ResourceType } from "../../diff/types.js";
import { unifiedReport } from "../../diff/unified.js";
import { parseSize, parseTimeout } from "../dump-source.js";
import { CliError, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from "../exit.js";
import { colorsFor, type Diagnostics, diagnostics, type Io } from "../io.js";
import { type DumpSource, type LoadedDump, loadDump } from "../load-dump.js";

interface Options {
  filename: string[];
  expectedDump?: string;
  dump?: string;
  admin?: string;
  base: string[];
  head: string[];
  timeout: string;
  maxSize: string;
  namespace: string;
  istioVersion?: string;
  domainSuffix: string;
  only: string[];
  ignore: string[];
  strict: string[];
  normalize: string[];
  unified?: boolean;
  output: "text" | "json";
}

/** Comma-separated and repeatable: ["a,b", "c"] → ["a", "b", "c"]. */
function listOf(values: readonly string[]): string[] {
  return values
    .flatMap((v) => v.split(","))
    .map((v) => v.trim())
    .filter((v) => v !== "");
}

function parseOnly(values: readonly string[]): ResourceType[] | undefined {
  const types = listOf(values);
  if (types.length === 0) return undefined;
  return types.map((t) => {
    const plural = t.endsWith("s") ? t : `${t}s`;
    if (!isResourceType(plural))
      throw new CliError(`--only: unknown type "${t}" (use ${RESOURCE_TYPES.join(", ")})`);
    return plural;
  });
}

function parseIgnore(values: readonly string[]): Pattern[] {
  return values.map((v) => {
    const p = parsePattern(v);
    if (!p.ok) throw new CliError(`--ignore ${p.reason}`);
    return p.pattern;
  });
}

function parseRules(flag: string, values: readonly string[]): Set<RuleName> {
  const out = new Set<RuleName>();
  for (const n of listOf(values)) {
    if (!isRuleName(n))
      throw new CliError(
        `${flag}: unknown normalisation "${n}" (use ${RULES.map((r) => r.name).join(", ")})`,
      );
    out.add(n);
  }
  return out;
}

/** The two sides the flags describe, or a one-line reason they do not describe two sides. */
interface Plan {
  readonly expected: DumpSource;
  readonly actual: DumpSource;
  readonly labels: { expected: string; actual: string };
}

function plan(o: Options, workload: string | undefined, io: Io): Plan {
  const manifests = (paths: readonly string[]): DumpSource => ({
    kind: "manifests",
    paths,
    workload,
    namespace: o.namespace,
    domainSuffix: o.domainSuffix,
  });
  const change = o.base.length > 0 || o.head.length > 0;
  if (change) {
    const others = [
      o.filename.length > 0 && "-f",
      o.expectedDump && "--expected-dump",
      o.dump && "--dump",
      o.admin && "--admin",
    ].filter(Boolean);
    if (others.length > 0)
      throw new CliError(`--base/--head compare two manifest trees; drop ${others.join(", ")}`);
    if (o.base.length === 0 || o.head.length === 0)
      throw new CliError("--base and --head go together: give both manifest trees");
    return {
      expected: manifests(o.base),
      actual: manifests(o.head),
      labels: { expected: "base", actual: "head" },
    };
  }

  if (o.filename.length > 0 && o.expectedDump)
    throw new CliError("use one expected side: -f manifests or --expected-dump FILE, not both");
  if (o.admin && o.dump) throw new CliError("use one actual side: --admin URL or --dump FILE, not both");
  const admin = o.admin ?? (o.dump ? undefined : io.env.GWCTL_ADMIN);
  if (o.filename.length === 0 && !o.expectedDump) {
    throw new CliError(
      "diff needs an expected side: manifests (-f FILE|DIR) or --expected-dump FILE (or --base PATH --head PATH)",
    );
  }
  if (!admin && !o.dump)
    throw new CliError("diff needs an actual side: --admin URL (or GWCTL_ADMIN) or --dump FILE");
  const stdin = [
    o.filename.includes("-") && "-f -",
    o.expectedDump === "-" && "--expected-dump -",
    o.dump === "-" && "--dump -",
  ];
  if (stdin.filter(Boolean).length > 1)
    throw new CliError(`only one input can come from stdin: ${stdin.filter(Boolean).join(", ")}`);

  const expected: DumpSource =
    o.filename.length > 0 ? manifests(o.filename) : { kind: "file", path: o.expectedDump as string };
  const actual: DumpSource = o.dump
    ? { kind: "file", path: o.dump }
    : {
        kind: "admin",
        url: admin as string,
        timeoutMs: parseTimeout(o.timeout),
        maxBytes: parseSize(o.maxSize),
        view: "all",
      };
  return { expected, actual, labels: { expected: "expected", actual: "actual" } };
}

function describe(src: DumpSource, loaded: LoadedDump): string {
  switch (src.kind) {
    case "manifests":
      return `simulated from ${src.paths.join(", ")} (Istio ${loaded.profile.line}${src.workload ? `, ${src.workload}` : ""})`;
    case "file":
      return src.path === "-" ? "config dump from stdin" : `config dump ${src.path}`;
    case "admin":
      return `Envoy admin API ${src.url}`;
  }
}

async function load(
  io: Io,
  d: Diagnostics,
  src: DumpSource,
  istioVersion: string | undefined,
  hint?: string,
) {
  return loadDump(io, d, src, {
    // Only a simulation needs a version; "auto" follows the other side when it says one.
    istioVersion: src.kind === "manifests" ? (istioVersion ?? "auto") : undefined,
    ...(hint && { versionHint: hint }),
  });
}

export async function runDiff(
  io: Io,
  workload: string | undefined,
  options: Record<string, unknown>,
  globals: Record<string, unknown>,
): Promise<number> {
  const given = options as unknown as Partial<Options>;
  // Repeatable options have no default (for a clean --help); absent means none.
  const o: Options = {
    ...(given as Options),
    filename: given.filename ?? [],
    base: given.base ?? [],
    head: given.head ?? [],
    only: given.only ?? [],
    ignore: given.ignore ?? [],
    strict: given.strict ?? [],
    normalize: given.normalize ?? [],
  };
  const noColor = globals.color === false;
  const d = diagnostics(io, noColor);

  // Every flag is checked before anything is read or fetched.
  const only = parseOnly(o.only);
  const ignore = parseIgnore(o.ignore);
  const rules: RuleChoice = {
    strict: parseRules("--strict", o.strict),
    force: parseRules("--normalize", o.normalize),
  };
  const refused = checkChoice(rules);
  if (refused) throw new CliError(refused);
  if (o.unified && o.output === "json")
    throw new CliError("--unified is a text view: use it without -o json, or -o json without it");
  const p = plan(o, workload, io);
  if (workload !== undefined && p.expected.kind !== "manifests")
    d.warn(`workload "${workload}" is ignored: no side is simulated from manifests`);

  // The actual side first: a live Envoy says which Istio version to simulate.
  const actual = await load(io, d, p.actual, o.istioVersion);
  const hint = p.actual.kind === "manifests" ? undefined : actual.version;
  const expected = await load(io, d, p.expected, o.istioVersion, hint);

  const result = diffDumps(inEnvoySpelling(expected.dump), inEnvoySpelling(actual.dump), {
    ...(only && { only }),
    ignore,
    rules,
    simulated: { expected: p.expected.kind === "manifests", actual: p.actual.kind === "manifests" },
    labels: p.labels,
  });
  for (const n of result.notes) d.note(n);

  const sides: Sides = {
    labels: p.labels,
    sources: { expected: describe(p.expected, expected), actual: describe(p.actual, actual) },
  };
  const c = colorsFor(io.stdout, io.env, noColor);
  const paint: Paint = { removed: (s) => c.red(s), added: (s) => c.green(s), heading: (s) => c.bold(s) };
  if (o.output === "json") io.stdout.write(jsonReport(result, sides));
  else if (o.unified) io.stdout.write(unifiedReport(result, p.labels, paint));
  else io.stdout.write(textReport(result, sides, paint));

  if (expected.hadErrors || actual.hadErrors) return EXIT_USAGE;
  return result.equal ? EXIT_OK : EXIT_FINDINGS;
}
