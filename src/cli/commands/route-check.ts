import { type Command, InvalidArgumentError, Option } from "commander";
import type { Context } from "../main.js";
import { addSourceOptions } from "./proxy-config.js";

const EXAMPLES = [
  "gwctl route check fixtures/route-check/walkthrough-06.yaml -f fixtures/walkthrough/06-https-redirect --name http.8080",
  "gwctl route check tests.yaml -f manifests/ --name http.8080 --coverage --fail-under 80",
  "gwctl route check tests.json --config route-config.yaml",
];

function parsePercent(v: string): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0 || n > 100)
    throw new InvalidArgumentError(`"${v}" is not a percentage (0-100)`);
  return n;
}

export function registerRouteCheck(program: Command, ctx: Context): void {
  const route = program
    .command("route")
    .description("Request-level tests of the gateway's route tables")
    .addHelpText("after", `\nExamples:\n${EXAMPLES.map((e) => `  ${e}`).join("\n")}`);
  const cmd = route
    .command("check <tests>")
    .description(
      "Run router_check_tool tests (JSON or YAML) against a route configuration: simulated from -f, from a dump, or --config",
    )
    .option(
      "--name <route-config>",
      "the route configuration to test (RDS name, e.g. http.8080 or https.443.…)",
    )
    .option(
      "--config <file>",
      "a RouteConfiguration file (JSON or YAML), as router_check_tool's --config-path",
    )
    .option("--coverage", "print the route coverage after a passing run")
    .option("--covall", "coverage counts every validatable field of every route, not one per route")
    .option("--detailed-coverage", "list the routes no test covers")
    .addOption(
      new Option("--fail-under <pct>", "fail when the coverage is below this percentage").argParser(
        parsePercent,
      ),
    )
    .option("--only-show-failures", "print failing tests only")
    .option("--gateway <workload>", "the gateway to simulate with -f: deploy/NAME.NS, NAME.NS or a pod name");
  addSourceOptions(cmd);
  cmd
    .addHelpText(
      "after",
      `
The test file is router_check_tool's: tests[] with test_name, input {authority, path, method,
ssl, internal, random_value, runtime, additional_request_headers, additional_response_headers}
and validate {cluster_name, virtual_cluster_name, virtual_host_name, host_rewrite, path_rewrite,
path_redirect, code_redirect, request_header_matches, response_header_matches}.

Exit codes: 0 all tests pass (and the coverage is met), 1 a test fails or the coverage is short,
2 bad input (the test file's problems are printed as file:line: message).

Examples:
${EXAMPLES.map((e) => `  ${e}`).join("\n")}`,
    )
    .action(async (tests: string, options: Record<string, unknown>) => {
      const { runRouteCheck } = await import("../actions/route-check.js");
      ctx.exitCode = await runRouteCheck(ctx.io, tests, options, program.opts());
    });
}
