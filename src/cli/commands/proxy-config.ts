import { type Command, InvalidArgumentError, Option } from "commander";
import type { Context } from "../main.js";

/** One `proxy-config` view: its name, istioctl's aliases, and the filters it takes. */
interface ViewSpec {
  readonly name: string;
  /** Hidden from --help, as in istioctl. */
  readonly hidden?: boolean;
  readonly aliases: readonly string[];
  readonly summary: string;
  readonly filters: readonly string[];
  /** The first one also heads `proxy-config --help`. */
  readonly examples: readonly string[];
  /** A paragraph for the view's --help, before its examples. */
  readonly details?: string;
}

const VIEWS: readonly ViewSpec[] = [
  {
    name: "listeners",
    aliases: ["listener", "l"],
    summary: "listeners of the gateway's Envoy (istioctl proxy-config listeners)",
    filters: ["port", "address", "type", "verbose"],
    examples: ["gwctl proxy-config listeners -f fixtures/walkthrough/04-tls-simple --port 8443"],
  },
  {
    name: "routes",
    aliases: ["route", "r"],
    summary: "route configurations (RDS) with their virtual hosts and routes",
    filters: ["name", "verbose"],
    examples: [
      "gwctl proxy-config routes -f fixtures/walkthrough/02-virtualservice --name http.8080 -o json",
    ],
  },
  {
    name: "clusters",
    aliases: ["cluster", "c"],
    summary: "clusters (CDS): one per service port, subsets, static clusters",
    filters: ["fqdn", "port", "direction", "subset"],
    examples: ["gwctl proxy-config clusters -f fixtures/walkthrough/03-services --fqdn istioinaction"],
  },
  {
    name: "endpoints",
    aliases: ["endpoint", "ep"],
    summary: "endpoints of every cluster, as Envoy's /clusters reports them",
    filters: ["address", "port", "cluster", "status"],
    examples: ["gwctl proxy-config endpoints -f fixtures/walkthrough/03-services --port 8080"],
  },
  {
    name: "secrets",
    aliases: ["secret", "s"],
    summary: "SDS secrets with certificate metadata (never key material)",
    filters: [],
    examples: ["gwctl proxy-config secrets -f fixtures/walkthrough/07-mtls"],
  },
  {
    name: "bootstrap",
    aliases: ["b"],
    summary: "the bootstrap: Istio and Envoy versions, node identity",
    filters: [],
    examples: ["gwctl proxy-config bootstrap -f fixtures/walkthrough/01-gateway-http -o short"],
  },
  {
    name: "ecds",
    aliases: ["ec"],
    summary: "extension configs Envoy fetched over ECDS (WasmPlugins, telemetry filters)",
    filters: [],
    examples: [
      "gwctl proxy-config ecds --dump fixtures/upstream/istio-configdump/ecds/configdump.json",
      "gwctl pc ec --admin http://127.0.0.1:15000 -o yaml",
    ],
    details: `Envoy has an ECDS section only once a listener asks for a filter over ECDS. Without
one, istioctl fails with "config dump has no configuration type …EcdsConfigDump"; gwctl
says that on stderr and exits 0. Manifests (-f) always give this answer: istiod sends
ECDS filters only for WasmPlugins (and EnvoyFilters may add some); gwctl reads neither.`,
  },
  {
    name: "eds",
    hidden: true,
    aliases: [],
    summary: "endpoints as the config dump's EDS section holds them (istioctl's hidden pc eds)",
    filters: ["address", "port", "cluster", "status"],
    examples: ["gwctl proxy-config eds -f fixtures/walkthrough/03-services"],
  },
  {
    name: "all",
    aliases: ["a"],
    summary: "everything: a whole Envoy config dump (-o json) or every table",
    filters: ["fqdn", "port", "direction", "subset", "address", "type", "name", "verbose", "with-headers"],
    examples: ["gwctl proxy-config all -f fixtures/walkthrough/05-tls-multi-host -o json"],
  },
];

const FILTER_OPTIONS: Record<string, () => Option> = {
  port: () => new Option("--port <port>", "only this port").argParser(parsePort),
  address: () => new Option("--address <ip>", "only this address"),
  type: () => new Option("--type <type>", "listener type: HTTP, TCP, HTTP+TCP"),
  name: () => new Option("--name <name>", "only the route configuration with this exact name"),
  fqdn: () => new Option("--fqdn <fqdn>", "clusters whose name contains this FQDN"),
  direction: () => new Option("--direction <dir>", "clusters in this direction (inbound, outbound)"),
  subset: () => new Option("--subset <subset>", "clusters of this subset"),
  cluster: () => new Option("--cluster <cluster>", "endpoints of this cluster (exact name)"),
  status: () => new Option("--status <status>", "endpoints with this status (HEALTHY, UNHEALTHY, …)"),
  verbose: () =>
    new Option("--verbose [bool]", "the detailed table (default true; --verbose=false for a summary)"),
  "with-headers": () => new Option("--with-headers", "head each section of `all` with its name"),
};

function parsePort(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new InvalidArgumentError(`"${v}" is not a port (0-65535)`);
  return n;
}

/** The source and output options every view shares. */
export function addSourceOptions(cmd: Command): Command {
  return cmd
    .option(
      "-f, --filename <path>",
      "manifests: a file, a folder (recursive) or - for stdin; repeatable",
      collect,
      [],
    )
    .option("--dump <file>", "a saved Envoy config dump (JSON, snake_case or camelCase); - for stdin")
    .option("--admin <url>", "a live Envoy admin API, e.g. http://127.0.0.1:15000 (also GWCTL_ADMIN)")
    .option("--timeout <duration>", "deadline for each admin API request", "10s")
    .option("--max-size <size>", "largest admin API response accepted", "32MiB")
    .option("-n, --namespace <ns>", "namespace for manifests that have none", "default")
    .option(
      "--istio-version <version>",
      "Istio release line whose output to reproduce (1.17 … newest, or auto); default: the newest for -f, the version a dump reports (auto) for --dump and --admin",
    )
    .option("--domain-suffix <suffix>", "cluster DNS suffix", "cluster.local");
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function registerProxyConfig(program: Command, ctx: Context): void {
  const pc = program
    .command("proxy-config")
    .alias("pc")
    .description(
      "Show what the gateway's Envoy holds: simulated from manifests (-f), from a saved dump (--dump) or a live admin API (--admin)",
    )
    .addHelpText(
      "after",
      `
The gateway is named the way istioctl names it: deploy/NAME.NS, NAME.NS or a pod name
(default istio-ingressgateway.istio-system). Without such a workload in the manifests, gwctl
uses the default-profile ingress gateway and says so on stderr.

Examples:
${VIEWS.filter((v) => !v.hidden)
  .map((v) => `  ${v.examples[0]}`)
  .join("\n")}
  kubectl port-forward -n istio-system deploy/istio-ingressgateway 15000 &
  gwctl proxy-config routes --admin http://127.0.0.1:15000`,
    );
  for (const view of VIEWS) {
    const cmd = pc
      .command(`${view.name} [workload]`, view.hidden ? { hidden: true } : {})
      .description(view.summary);
    for (const a of view.aliases) cmd.alias(a);
    addSourceOptions(cmd);
    cmd.addOption(
      new Option("-o, --output <format>", "output format")
        .choices(["short", "json", "yaml"])
        .default(view.name === "bootstrap" ? "json" : "short"),
    );
    for (const f of view.filters) cmd.addOption((FILTER_OPTIONS[f] as () => Option)());
    const examples = view.examples.map((e) => `  ${e}`).join("\n");
    const details = view.details ? `\n${view.details}\n` : "";
    cmd.addHelpText(
      "after",
      `${details}\n${view.examples.length > 1 ? "Examples" : "Example"}:\n${examples}`,
    );
    cmd.action(async (workload: string | undefined, options: Record<string, unknown>) => {
      const { runProxyConfig } = await import("../actions/proxy-config.js");
      ctx.exitCode = await runProxyConfig(ctx.io, view.name, workload, options, program.opts());
    });
  }
}
