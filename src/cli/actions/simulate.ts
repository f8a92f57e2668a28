import { renderTrace } from "../../simulate/render.js";
import { buildRequest, type ClientCertificate } from "../../simulate/request.js";
import { simulateRequest } from "../../simulate/simulate.js";
import { dumpReaderFor, loadConfigSource, type SourceOptions } from "../config-source.js";
import { CliError, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from "../exit.js";
import { diagnostics, type Io } from "../io.js";
import { readTextFile } from "../read-text.js";
import { simulationContext } from "../simulation-context.js";
import { traceStyle } from "../style.js";

interface Options extends SourceOptions {
  header: string[];
  request?: string;
  data?: string;
  sni?: string;
  cert?: string;
  key?: string;
  cacert?: string;
  insecure?: boolean;
  http2?: boolean;
  "http1.1"?: boolean;
  random: number;
  gateway?: string;
  output: "text" | "json";
}

function clientCertificate(io: Io, o: Options): ClientCertificate | undefined {
  if (o.key !== undefined && o.cert === undefined) throw new CliError("--key needs --cert");
  if (o.cert === undefined) return undefined;
  const certPem = readTextFile(io, o.cert, "--cert");
  const keyPem = o.key !== undefined ? readTextFile(io, o.key, "--key") : undefined;
  if (keyPem === undefined && !/PRIVATE KEY-----/.test(certPem))
    throw new CliError(`--cert ${o.cert} holds no private key: pass it with --key FILE`);
  return { certPem, ...(keyPem !== undefined && { keyPem }), source: o.cert };
}

export async function runSimulate(
  io: Io,
  url: string,
  options: Record<string, unknown>,
  globals: Record<string, unknown>,
): Promise<number> {
  const o = options as unknown as Options;
  const d = diagnostics(io, globals.color === false);
  const clientCert = clientCertificate(io, o);
  const caBundle = o.cacert !== undefined ? readTextFile(io, o.cacert, "--cacert") : undefined;
  const built = buildRequest(url, {
    headers: o.header,
    ...(o.request !== undefined && { method: o.request }),
    data: o.data !== undefined,
    ...(o.sni !== undefined && { sni: o.sni }),
    http2: o.http2 === true,
    http1: o["http1.1"] === true,
    ...(clientCert && { clientCert }),
    ...(caBundle !== undefined && { caBundle }),
    insecure: o.insecure === true,
  });
  if (!built.ok) throw new CliError(built.error);

  const source = await loadConfigSource(io, d, o, o.gateway, dumpReaderFor(io, o), "simulate");
  if (!source.manifests) d.note("no manifests (-f): the client's port is taken as the Envoy listener port");
  const result = simulateRequest(source.dump, built.request, simulationContext(source, io.now(), o.random));
  if (o.output === "json") io.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else io.stdout.write(renderTrace(result, traceStyle(io, globals.color === false)));
  if (source.hadErrors) return EXIT_USAGE;
  return result.outcome.ok ? EXIT_OK : EXIT_FINDINGS;
}
