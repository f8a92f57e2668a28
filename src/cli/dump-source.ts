import type { ConfigDump } from "../envoy/types.js";
import { CliError } from "./exit.js";
import type { Io } from "./io.js";
import { readTextFile } from "./read-text.js";

/** Read a saved config dump (`--dump FILE`, `-` for stdin). */
export function readDumpFile(io: Io, path: string): ConfigDump {
  const text = readTextFile(io, path);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new CliError(`${path}: not a JSON config dump (${(e as Error).message})`);
  }
  if (typeof parsed !== "object" || parsed === null || !Array.isArray((parsed as ConfigDump).configs)) {
    throw new CliError(`${path}: not an Envoy config dump (no "configs" list)`);
  }
  return parsed as ConfigDump;
}
