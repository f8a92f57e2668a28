import { normalizeDump } from "../envoy/casing.js";
import { deriveClusterStatuses } from "../envoy/clusterstatus.js";
import type { PbMessage } from "../envoy/protojson.js";
import { redactDump } from "../envoy/redact.js";
import type { ConfigDump, JsonObject } from "../envoy/types.js";
import type { VersionProfile } from "../profiles/profiles.js";
import { allSummary } from "./all.js";
import { bootstrapDump, bootstrapSummary } from "./bootstrap.js";
import { clusterResources, clusterTable } from "./clusters.js";
import { ecdsDump, ecdsTable } from "./ecds.js";
import { edsResources, edsTable } from "./eds.js";
import { endpointResources, endpointTable } from "./endpoints.js";
import { writeGoJson } from "./gojson.js";
import { writeGoYaml } from "./goyaml.js";
import { writeJson } from "./json-stream.js";
import { toOJson, writeJsonpb } from "./jsonpb.js";
import { listenerResources, listenerTable } from "./listeners.js";
import { type MachineFormat, writeResources } from "./output.js";
import {
  type Found,
  fail,
  fromResult,
  ok,
  toResult,
  type ViewOutput,
  type ViewResult,
  writing,
} from "./result.js";
import { routeResources, routeTable } from "./routes.js";
import { secretDump, secretTable } from "./secrets.js";
import type { Emit } from "./sink.js";

export type { ViewOutput, ViewResult } from "./result.js";

/**
 * The contract between the CLI and the views: one dump in, one text out. A view never
 * knows whether its dump was simulated, read from a file or fetched from Envoy.
 */
export type ViewName =
  | "listeners"
  | "routes"
  | "clusters"
  | "endpoints"
  | "secrets"
  | "bootstrap"
  | "ecds"
  | "all";
export type OutputFormat = "short" | "json" | "yaml";

export interface ViewFilters {
  readonly port?: number;
  readonly address?: string;
  readonly type?: string;
  readonly name?: string;
  readonly fqdn?: string;
  readonly direction?: string;
  readonly subset?: string;
  readonly cluster?: string;
  readonly status?: string;
  readonly verbose?: boolean;
  readonly withHeaders?: boolean;
}

export interface ViewRequest {
  readonly view: ViewName;
  readonly output: OutputFormat;
  readonly profile: VersionProfile;
  /** The clock that decides VALID CERT. */
  readonly now: Date;
  readonly filters: ViewFilters;
  /** Body of Envoy's `GET /clusters?format=json`, when the source has one (for `endpoints`). */
  readonly clusterStatuses?: JsonObject;
}

/**
 * Renders one istioctl `proxy-config` view. The dump may use either field spelling; it is
 * read in Envoy's snake_case, and every sensitive value (private keys, passwords) is
 * redacted before any view sees it, so no output path can print key material.
 */
export function renderView(dump: ConfigDump, req: ViewRequest): ViewResult {
  return toResult(viewOutput(dump, req));
}

/**
 * renderView, decided but not yet written: the CLI streams `write` to stdout, so the text
 * of a large dump (hundreds of megabytes) never exists as one string.
 */
export function viewOutput(dump: ConfigDump, req: ViewRequest): ViewOutput {
  const d = redactDump(normalizeDump(dump));
  const { profile, filters, output } = req;
  switch (req.view) {
    case "listeners":
      return output === "short"
        ? fromResult(listenerTable(d, { profile, filter: filters, typePrefix: false }))
        : resources(listenerResources(d, filters, profile), output);
    case "routes":
      return output === "short"
        ? fromResult(routeTable(d, { profile, filter: filters, typePrefix: false }))
        : resources(routeResources(d, filters), output);
    case "clusters":
      return output === "short"
        ? fromResult(clusterTable(d, { profile, filter: filters, typePrefix: false }))
        : resources(clusterResources(d, filters), output);
    case "endpoints": {
      const body = req.clusterStatuses ?? deriveClusterStatuses(d);
      if (output === "short") return fromResult(ok(endpointTable(body, filters)));
      const messages = endpointResources(body, filters);
      return writing((emit) => writeResources(messages, output, emit));
    }
    case "secrets":
      return output === "short"
        ? fromResult(secretTable(d, { profile, now: req.now, typePrefix: false }))
        : dumpOutput(secretDump(d), output);
    case "bootstrap":
      return output === "short" ? fromResult(bootstrapSummary(d)) : dumpOutput(bootstrapDump(d), output);
    case "ecds":
      // istioctl prints protojson's multiline text, whose spacing protobuf-go varies per build
      // (detrand); gwctl prints it as istioctl's golden test does, re-indented by encoding/json.
      return output === "short"
        ? fromResult(ecdsTable(d, profile))
        : dumpOutput(ecdsDump(d, profile), output, (m, emit) => writeGoJson(toOJson(m), emit));
    case "all":
      if (output === "short") return fromResult(allSummary(d, profile, filters, req.now));
      // istioctl prints Envoy's own body here (snake_case, unfiltered), after redaction.
      return writing((emit) => {
        if (output === "json") writeJson(d, emit);
        else writeGoYaml(d as unknown as JsonObject, emit);
        emit("\n");
      });
  }
}

/**
 * istioctl's hidden `proxy-config eds` (the EDS table `all` ends with, and its JSON/YAML),
 * for callers that want it on its own.
 */
export function renderEds(dump: ConfigDump, req: Omit<ViewRequest, "view">): ViewResult {
  return toResult(edsOutput(dump, req));
}

/** renderEds, decided but not yet written (see viewOutput). */
export function edsOutput(dump: ConfigDump, req: Omit<ViewRequest, "view">): ViewOutput {
  const d = redactDump(normalizeDump(dump));
  if (req.output === "short")
    return fromResult(ok(edsTable(d, { profile: req.profile, filter: req.filters, typePrefix: false })));
  const messages = edsResources(d, req.filters, req.profile);
  const format = req.output;
  return writing((emit) => writeResources(messages, format, emit));
}

function resources(got: Found<PbMessage[]>, format: MachineFormat): ViewOutput {
  if (!got.ok) return fail(got.message) as ViewOutput;
  const messages = got.value;
  return writing((emit) => writeResources(messages, format, emit));
}

/**
 * A whole *ConfigDump message printed with a 4-space indent (and JSONToYAML): by jsonpb unless
 * the view prints its JSON another way.
 */
function dumpOutput(
  got: Found<PbMessage>,
  format: MachineFormat,
  writeJson: (m: PbMessage, emit: Emit) => void = writeJsonpb,
): ViewOutput {
  if (!got.ok) return fail(got.message) as ViewOutput;
  const message = got.value;
  return writing((emit) => {
    if (format === "json") writeJson(message, emit);
    else writeGoYaml(toOJson(message), emit);
    emit("\n");
  });
}
