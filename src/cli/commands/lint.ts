import { type Command, Option } from "commander";
import type { Context } from "../main.js";

const LEVELS = ["Info", "Warning", "Error"];

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function registerLint(program: Command, ctx: Context): void {
  const cmd = program
    .command("lint")
    .description(
      "Check mesh configuration before it is applied: istioctl analyze's checks (with the Services,\n" +
        "Secrets and pods in the files), CRD schemas, certificates and gwctl's own gateway checks",
    )
    .option(
      "-f, --filename <path>",
      "manifests: a file, a folder (recursive) or - for stdin; repeatable",
      collect,
      [],
    )
    .option("-n, --namespace <ns>", "namespace for manifests that have none", "default")
    .option("--domain-suffix <suffix>", "cluster DNS suffix", "cluster.local")
    .addOption(
      new Option("-o, --output <format>", "output format")
        .choices(["text", "json", "sarif", "github"])
        .default("text"),
    )
    .option(
      "--failure-threshold <level>",
      `exit 1 when a finding is at this level or above (${LEVELS.join(", ")})`,
      "Error",
    )
    .option(
      "--output-threshold <level>",
      `print findings at this level or above (${LEVELS.join(", ")})`,
      "Info",
    )
    .option(
      "-S, --suppress <CODE=RESOURCE>",
      'do not report CODE for RESOURCE ("Kind namespace/name", * matches anything); repeatable',
      collect,
      [],
    )
    .option(
      "--cert-warn-days <days>",
      "warn about gateway certificates that expire within this many days",
      "30",
    )
    .option("--mesh-config <file>", "a MeshConfig YAML file (as istioctl's --meshConfigFile)")
    .option(
      "--no-default-gateway",
      "do not assume the default ingress gateway (istio-system, istio=ingressgateway) when the files have none",
    )
    .option("-L, --list-rules", "list the rules and exit");
  cmd.addHelpText(
    "after",
    `
Formats: text (istioctl analyze's lines), json, sarif (SARIF 2.1.0, for code scanning),
github (workflow annotations). Findings carry the file, line and column of the field.
The annotation galley.istio.io/analyze-suppress: "CODE[,CODE…]" (or "*") on a resource
suppresses its findings too.

Exit codes: 0 no finding at the failure threshold, 1 findings at or above it, 2 unusable
input (unreadable files, invalid YAML, objects without apiVersion or kind) or bad usage.

Examples:
  gwctl lint -f manifests/
  gwctl lint -f manifests/ -o sarif > gwctl.sarif
  gwctl lint -f manifests/ -o github --failure-threshold Warning
  gwctl lint -f gateway.yaml -S "GW1204=Gateway istioinaction/*"
  gwctl lint -L`,
  );
  cmd.action(async (options: Record<string, unknown>) => {
    const { runLint } = await import("../actions/lint.js");
    ctx.exitCode = await runLint(ctx.io, options, program.opts());
  });
}
