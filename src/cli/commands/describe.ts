import { type Command, Option } from "commander";
import type { Context } from "../main.js";
import { addSourceOptions } from "./proxy-config.js";

const EXAMPLES = [
  "gwctl describe host webapp.istioinaction.io -f fixtures/walkthrough/07-mtls",
  "gwctl describe gateway coolstore-gateway.istioinaction -f fixtures/walkthrough/05-tls-multi-host",
  "gwctl describe host webapp.istioinaction.io -f manifests/ --dump live-config-dump.json",
];

export function registerDescribe(program: Command, ctx: Context): void {
  const describe = program
    .command("describe")
    .description(
      "How is a host or Gateway wired: Gateway → server → VirtualService → DestinationRule → Service → pods",
    )
    .addHelpText("after", `\nExamples:\n${EXAMPLES.map((e) => `  ${e}`).join("\n")}`);
  for (const kind of ["host", "gateway"] as const) {
    const cmd = describe
      .command(`${kind} <${kind === "host" ? "host" : "name"}>`)
      .description(
        kind === "host"
          ? "every Gateway server, route and backend that serves this host, with what breaks the chain"
          : "every server of this Gateway (NAME, NAME.NAMESPACE or NAMESPACE/NAME) and the hosts it serves",
      )
      .option("--gateway <workload>", "the gateway workload: deploy/NAME.NS, NAME.NS or a pod name");
    addSourceOptions(cmd);
    cmd
      .addOption(
        new Option("-o, --output <format>", "output format").choices(["text", "json"]).default("text"),
      )
      .addHelpText(
        "after",
        `
Needs the manifests (-f); with --dump, the Envoy side (listeners, routes, clusters, secrets)
comes from that dump instead of the simulation. Lines starting with "!" are where the chain
breaks. Exit codes: 0 no warnings, 1 warnings, 2 bad input.

Examples:
${EXAMPLES.map((e) => `  ${e}`).join("\n")}`,
      )
      .action(async (target: string, options: Record<string, unknown>) => {
        const { runDescribe } = await import("../actions/describe.js");
        ctx.exitCode = await runDescribe(ctx.io, kind, target, options, program.opts());
      });
  }
}
