import type { PbMessage } from "../envoy/protojson.js";
import { goMarshalIndent } from "./gojson.js";
import { goYaml } from "./goyaml.js";
import { toOJson } from "./jsonpb.js";
import { tabwrite } from "./tabwriter.js";

export type MachineFormat = "json" | "yaml";

/**
 * A list of resources the way istioctl prints `-o json|yaml`: jsonpb per message, indented
 * by encoding/json (4 spaces), or that JSON through JSONToYAML; then Fprintln's newline.
 */
export function resourcesOutput(messages: readonly PbMessage[], format: MachineFormat): string {
  const json = messages.map(toOJson);
  return `${format === "json" ? goMarshalIndent(json) : goYaml(json)}\n`;
}

/** A table written through tabwriter.NewWriter(out, 0, 8|5, padding, ' ', 0). */
export function table(rows: string, padding: 1 | 5): string {
  return tabwrite(rows, { minwidth: 0, padding });
}
