import type { DescribeInput } from "../../describe/context.js";
import { describeGateway, describeHost } from "../../describe/describe.js";
import { renderTree, warningsOf } from "../../describe/tree.js";
import { dumpReaderFor, loadConfigSource, type SourceOptions } from "../config-source.js";
import { CliError, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from "../exit.js";
import { colorsFor, diagnostics, type Io } from "../io.js";

interface Options extends SourceOptions {
  gateway?: string;
  output: "text" | "json";
}

/** `NAME`, `NAME.NAMESPACE` or `NAMESPACE/NAME`. */
function gatewayRef(text: string, defaultNamespace: string): { namespace: string; name: string } {
  const slash = text.indexOf("/");
  if (slash !== -1) return { namespace: text.slice(0, slash), name: text.slice(slash + 1) };
  const dot = text.indexOf(".");
  if (dot !== -1) return { name: text.slice(0, dot), namespace: text.slice(dot + 1) };
  return { name: text, namespace: defaultNamespace };
}

export async function runDescribe(
  io: Io,
  kind: "host" | "gateway",
  target: string,
  options: Record<string, unknown>,
  globals: Record<string, unknown>,
): Promise<number> {
  const o = options as unknown as Options;
  const noColor = globals.color === false;
  const d = diagnostics(io, noColor);
  if ((o.filename ?? []).length === 0)
    throw new CliError(
      "describe needs the manifests (-f FILE|DIR|-): it follows Gateways, VirtualServices and Services",
    );
  if (kind === "host" && !/^(\*\.)?[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$/.test(target))
    throw new CliError(`bad host ${JSON.stringify(target)}: give a host name such as webapp.example.com`);
  const source = await loadConfigSource(io, d, o, o.gateway, dumpReaderFor(io, o), "describe");
  const m = source.manifests as NonNullable<typeof source.manifests>;
  const input: DescribeInput = {
    mesh: m.mesh,
    proxy: m.proxy,
    dump: source.dump,
    profile: source.profile,
    now: io.now(),
  };
  const result =
    kind === "host"
      ? describeHost(input, target)
      : (() => {
          const ref = gatewayRef(target, o.namespace);
          return describeGateway(input, ref.namespace, ref.name);
        })();
  if (!result.ok) throw new CliError(result.error);
  const warnings = warningsOf(result.tree);
  if (o.output === "json") io.stdout.write(`${JSON.stringify({ tree: result.tree, warnings }, null, 2)}\n`);
  else {
    const c = colorsFor(io.stdout, io.env, noColor);
    io.stdout.write(renderTree(result.tree, { warn: (s) => c.yellow(s), dim: (s) => c.dim(s) }));
    if (warnings.length > 0)
      io.stdout.write(`\n${warnings.length} warning${warnings.length === 1 ? "" : "s"}\n`);
  }
  if (source.hadErrors) return EXIT_USAGE;
  return warnings.length > 0 ? EXIT_FINDINGS : EXIT_OK;
}
