import { closeSync, openSync, readdirSync, readFileSync, readSync, statSync } from "node:fs";
import { join } from "node:path";
import type { InputError, SourceFile } from "./types.js";

const MANIFEST_EXTENSIONS = [".yaml", ".yml", ".json"];

/** A file of a folder that was left out, and why (said as a note, not an error). */
export interface SkippedFile {
  readonly file: string;
  readonly reason: string;
}

export interface ReadResult {
  readonly files: SourceFile[];
  readonly errors: InputError[];
  readonly skipped: SkippedFile[];
}

const DUMP_NOTE = "an Envoy config dump, not manifests (read it with --dump)";

/**
 * Read every manifest file named by `-f` arguments: files as given (any extension, as
 * kubectl does), folders recursively (.yaml, .yml, .json only, in name order), "-" for stdin.
 * A JSON file in a folder that is an Envoy config dump (kept beside the manifests it came
 * from) is skipped unread; named explicitly, it is an error that points to --dump.
 */
export function readManifestPaths(paths: readonly string[], readStdin: () => string): ReadResult {
  const files: SourceFile[] = [];
  const errors: InputError[] = [];
  const skipped: SkippedFile[] = [];
  for (const path of paths) {
    if (path === "-") {
      pushText("<stdin>", Buffer.from(readStdin(), "utf8"), files, errors);
      continue;
    }
    let isDir: boolean;
    try {
      isDir = statSync(path).isDirectory();
    } catch (e) {
      errors.push({ file: path, message: describeFsError(e) });
      continue;
    }
    if (!isDir) {
      if (isConfigDump(path)) errors.push({ file: path, message: DUMP_NOTE });
      else readOne(path, files, errors);
      continue;
    }
    const found = listManifestFiles(path);
    if (found.length === 0) {
      errors.push({ file: path, message: `no ${MANIFEST_EXTENSIONS.join(", ")} files in this folder` });
      continue;
    }
    for (const f of found) {
      if (f.toLowerCase().endsWith(".json") && isConfigDump(f)) skipped.push({ file: f, reason: DUMP_NOTE });
      else readOne(f, files, errors);
    }
  }
  return { files, errors, skipped };
}

/**
 * Whether a file starts the way an Envoy config dump does (`{"configs": [`), read from its
 * first bytes only: a dump can be hundreds of megabytes.
 */
function isConfigDump(path: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(path, "r");
    const head = Buffer.alloc(256);
    const n = readSync(fd, head, 0, head.length, 0);
    return /^\s*\{\s*"configs"\s*:\s*\[/.test(head.subarray(0, n).toString("utf8"));
  } catch {
    return false; // reading it properly will say what is wrong
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function listManifestFiles(dir: string): string[] {
  const out: string[] = [];
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  );
  for (const entry of entries) {
    if (entry.name.startsWith(".")) continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listManifestFiles(full));
    else if (MANIFEST_EXTENSIONS.some((ext) => entry.name.toLowerCase().endsWith(ext))) out.push(full);
  }
  return out;
}

function readOne(path: string, files: SourceFile[], errors: InputError[]): void {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    errors.push({ file: path, message: describeFsError(e) });
    return;
  }
  pushText(path, bytes, files, errors);
}

function pushText(path: string, bytes: Buffer, files: SourceFile[], errors: InputError[]): void {
  if (bytes.includes(0)) {
    errors.push({ file: path, message: "binary file: expected YAML or JSON text" });
    return;
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    errors.push({ file: path, message: "not UTF-8 text: expected YAML or JSON" });
    return;
  }
  // A byte-order mark would otherwise end up inside the first key.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  files.push({ path, text });
}

function describeFsError(e: unknown): string {
  const code = (e as { code?: string }).code;
  switch (code) {
    case "ENOENT":
      return "no such file or directory";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EISDIR":
      return "is a directory";
    default:
      return (e as Error).message ?? String(e);
  }
}
