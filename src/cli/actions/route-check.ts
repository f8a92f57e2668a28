import { parse as parseYaml } from "yaml";
import { routeConfigs } from "../../envoy/configdump.js";
import { snakeCaseKeys } from "../../envoy/normalize.js";
import { isJsonObject, type Json, type JsonObject } from "../../envoy/types.js";
import { renderCheck } from "../../simulate/route-check/render.js";
import { runRouteTests } from "../../simulate/route-check/run.js";
import { parseTestFile } from "../../simulate/route-check/test-file.js";
import { dumpReaderFor, loadConfigSource, type SourceOptions } from "../config-source.js";
import { CliError, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from "../exit.js";
import { diagnostics, type Io } from "../io.js";
import { readTextFile } from "../read-text.js";
import { traceStyle } from "../style.js";

interface Options extends SourceOptions {
  name?: string;
  config?: string;
  coverage?: boolean;
  covall?: boolean;
  detailedCoverage?: boolean;
  failUnder?: number;
  onlyShowFailures?: boolean;
  gateway?: string;
}

/** A RouteConfiguration file: JSON or YAML, snake_case or camelCase. */
function readRouteConfigFile(io: Io, path: string): JsonObject {
  const text = readTextFile(io, path, "--config");
  let parsed: unknown;
  try {
    parsed = parseYaml(text);
  } catch (e) {
    throw new CliError(`--config ${path}: not JSON or YAML (${(e as Error).message.split("\n")[0]})`);
  }
  const rc = isJsonObject(parsed as Json) ? snakeCaseKeys(parsed as Json) : undefined;
  if (!isJsonObject(rc ?? null) || !Array.isArray((rc as JsonObject).virtual_hosts))
    throw new CliError(`--config ${path}: not a RouteConfiguration (no virtual_hosts list)`);
  return rc as JsonObject;
}

async function routeConfigFor(
  io: Io,
  o: Options,
  globals: Record<string, unknown>,
): Promise<{ config: JsonObject; name: string; hadErrors: boolean }> {
  const d = diagnostics(io, globals.color === false);
  if (o.config !== undefined) {
    if ((o.filename ?? []).length > 0 || o.dump !== undefined)
      throw new CliError("use --config alone: it is the route configuration to test, not a source of one");
    const config = readRouteConfigFile(io, o.config);
    return { config, name: String(config.name ?? o.config), hadErrors: false };
  }
  const source = await loadConfigSource(io, d, o, o.gateway, dumpReaderFor(io, o), "route check");
  const all = routeConfigs(source.dump);
  const dynamic = all.filter((r) => r.status !== "static");
  const names = dynamic.map((r) => String(r.resource.name));
  let chosen = o.name !== undefined ? all.find((r) => r.resource.name === o.name) : undefined;
  if (o.name !== undefined && !chosen)
    throw new CliError(`no route configuration named ${o.name}; there are: ${names.join(", ") || "(none)"}`);
  if (o.name === undefined) {
    if (dynamic.length !== 1)
      throw new CliError(
        `name the route configuration to test with --name: ${dynamic.length === 0 ? "the gateway has none" : `one of ${names.join(", ")}`}`,
      );
    chosen = dynamic[0];
  }
  const config = (chosen as (typeof all)[number]).resource;
  return { config, name: String(config.name), hadErrors: source.hadErrors };
}

export async function runRouteCheck(
  io: Io,
  testsPath: string,
  options: Record<string, unknown>,
  globals: Record<string, unknown>,
): Promise<number> {
  const o = options as unknown as Options;
  const d = diagnostics(io, globals.color === false);
  const parsed = parseTestFile(readTextFile(io, testsPath));
  if (!parsed.ok) {
    for (const p of parsed.problems) d.error(`${testsPath}:${p.line}: ${p.message}`);
    return EXIT_USAGE;
  }
  const rc = await routeConfigFor(io, o, globals);
  d.note(`testing route configuration ${rc.name}`);
  const run = runRouteTests(rc.config, parsed.tests);
  const rendered = renderCheck(
    run,
    {
      onlyFailures: o.onlyShowFailures === true,
      coverage: o.coverage === true || o.covall === true || o.detailedCoverage === true,
      comprehensive: o.covall === true,
      detailedCoverage: o.detailedCoverage === true,
      ...(o.failUnder !== undefined && { failUnder: o.failUnder }),
    },
    testsPath,
    traceStyle(io, globals.color === false),
  );
  io.stdout.write(rendered.text);
  if (rc.hadErrors) return EXIT_USAGE;
  return rendered.passed ? EXIT_OK : EXIT_FINDINGS;
}
