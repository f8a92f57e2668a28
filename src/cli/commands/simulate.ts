import { type Command, InvalidArgumentError, Option } from "commander";
import type { Context } from "../main.js";
import { addSourceOptions } from "./proxy-config.js";

const EXAMPLES = [
  "gwctl simulate http://webapp.istioinaction.io:30000/api/catalog -f fixtures/walkthrough/03-services",
  "gwctl simulate https://localhost:30005/api/catalog -H 'Host: webapp.istioinaction.io' -f fixtures/walkthrough/04-tls-simple",
  "gwctl simulate https://webapp.istioinaction.io:30005/api/catalog --cacert ca-chain.cert.pem \\\n      --cert client.pem --key client.key -f fixtures/walkthrough/07-mtls",
  "gwctl simulate tcp://localhost:30006 -f fixtures/walkthrough/08-tcp -o json",
];

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function parseRandom(v: string): number {
  if (!/^\d+$/.test(v)) throw new InvalidArgumentError(`"${v}" is not a non-negative integer`);
  return Number(v);
}

export function registerSimulate(program: Command, ctx: Context): void {
  const cmd = program
    .command("simulate <url>")
    .description(
      "Where does this request go, and why does it fail? Walk a curl-style request through the gateway's Envoy",
    )
    .option(
      "-H, --header <line>",
      "request header 'Name: value' (repeatable); Host: sets the authority, not the SNI",
      collect,
      [],
    )
    .option("-X, --request <method>", "HTTP method (default GET, or POST with -d)")
    .option("-d, --data <data>", "send a body (makes the default method POST; the body itself is not used)")
    .option("--sni <name>", "TLS server name (default: the URL's host, as curl sends it)")
    .option("--cert <file>", "client certificate (PEM), for mutual TLS")
    .option("--key <file>", "private key of --cert (PEM; default: read from the --cert file)")
    .option("--cacert <file>", "CA bundle to verify the gateway's certificate with, as curl does")
    .option("-k, --insecure", "do not verify the gateway's certificate")
    .option("--http2", "offer HTTP/2 (curl's default for https://)")
    .option("--http1.1", "offer only HTTP/1.1")
    .addOption(
      new Option("--random <n>", "Envoy's random value: which weighted cluster this request takes")
        .argParser(parseRandom)
        .default(0),
    )
    .option(
      "--gateway <workload>",
      "the gateway to simulate, as istioctl names it: deploy/NAME.NS, NAME.NS or a pod name",
    );
  addSourceOptions(cmd);
  cmd
    .addOption(new Option("-o, --output <format>", "output format").choices(["text", "json"]).default("text"))
    .addHelpText(
      "after",
      `
URLs: http://HOST[:PORT]/PATH, https://…, tcp://HOST:PORT (a raw TCP connection, like telnet) and
tls://HOST:PORT (TLS without HTTP). The port is the one the client uses: a nodePort or a port of
the gateway Service, mapped to its targetPort and the Envoy listener.

Exit codes: 0 the request is proxied or answered as configured (2xx/3xx), 1 it fails, 2 bad input.

Examples:
${EXAMPLES.map((e) => `  ${e}`).join("\n")}`,
    )
    .action(async (url: string, options: Record<string, unknown>) => {
      const { runSimulate } = await import("../actions/simulate.js");
      ctx.exitCode = await runSimulate(ctx.io, url, options, program.opts());
    });
}
