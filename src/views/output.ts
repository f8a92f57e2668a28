import type { PbMessage } from "../envoy/protojson.js";
import { writeGoJsonList } from "./gojson.js";
import { writeGoYamlList } from "./goyaml.js";
import { toOJson } from "./jsonpb.js";
import { collect, type Emit } from "./sink.js";
import { tabwrite } from "./tabwriter.js";

export type MachineFormat = "json" | "yaml";

/**
 * A list of resources the way istioctl prints `-o json|yaml`: jsonpb per message, indented
 * by encoding/json (4 spaces), or that JSON through JSONToYAML; then Fprintln's newline.
 */
export function resourcesOutput(messages: readonly PbMessage[], format: MachineFormat): string {
  return collect((emit) => writeResources(messages, format, emit));
}

/** resourcesOutput written as it is produced, one message converted at a time. */
export function writeResources(messages: readonly PbMessage[], format: MachineFormat, emit: Emit): void {
  if (format === "json") writeGoJsonList(messages, toOJson, emit);
  else writeGoYamlList(messages, toOJson, emit);
  emit("\n");
}

/** A table written through tabwriter.NewWriter(out, 0, 8|5, padding, ' ', 0). */
export function table(rows: string, padding: 1 | 5): string {
  return tabwrite(rows, { minwidth: 0, padding });
}
