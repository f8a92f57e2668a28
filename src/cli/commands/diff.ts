import { type Command, Option } from "commander";
import type { Context } from "../main.js";
import { addSourceOptions } from "./proxy-config.js";

/** A repeatable option; no default, so --help does not print "(default: [])". */
function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

export function registerDiff(program: Command, ctx: Context): void {
  const cmd = program
    .command("diff [workload]")
    .description(
      "Compare two Envoy configurations: manifests (or a dump) against a live Envoy (or a dump), " +
        "or two manifest trees (--base/--head) to see what a change does to Envoy",
    );
  addSourceOptions(cmd)
    .option("--expected-dump <file>", "the expected side from a saved config dump instead of manifests")
    .option("--base <path>", "manifests before a change (file or folder; repeatable)", collect)
    .option("--head <path>", "manifests after the change (file or folder; repeatable)", collect)
    .option("--only <types>", "compare only these: listeners,routes,clusters,endpoints,secrets", collect)
    .option(
      "--ignore <path>",
      "an accepted difference, e.g. clusters:*.connect_timeout (repeatable)",
      collect,
      [],
    )
    .option("--strict <rules>", "turn off these normalisations (see docs/diff.md)", collect)
    .option("--normalize <rules>", "turn on these automatic normalisations", collect)
    .option("--unified", "print a unified text diff of each differing resource")
    .addOption(new Option("-o, --output <format>", "output format").choices(["text", "json"]).default("text"))
    .addHelpText(
      "after",
      `
The expected side is simulated from manifests (-f) for the gateway workload named as in
proxy-config (default istio-ingressgateway.istio-system), or read with --expected-dump. The
actual side is a live Envoy (--admin, or GWCTL_ADMIN) or a saved dump (--dump). With
--istio-version unset, the simulation follows the Istio version the actual side reports.

Exit codes: 0 the configurations match, 1 they differ, 2 usage or input error.

Examples:
  gwctl diff -f manifests/ --admin http://127.0.0.1:15000
  gwctl diff -f fixtures/walkthrough/04-tls-simple --dump config_dump.json --only routes,clusters
  gwctl diff --base fixtures/walkthrough/03-services --head fixtures/walkthrough/04-tls-simple
  gwctl diff --expected-dump before.json --dump after.json --unified
  gwctl diff -f manifests/ --dump live.json --ignore 'clusters:*.circuit_breakers' -o json`,
    )
    .action(async (workload: string | undefined, options: Record<string, unknown>) => {
      const { runDiff } = await import("../actions/diff.js");
      ctx.exitCode = await runDiff(ctx.io, workload, options, program.opts());
    });
}
