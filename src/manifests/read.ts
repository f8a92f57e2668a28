import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { InputError, SourceFile } from "./types.js";

const MANIFEST_EXTENSIONS = [".yaml", ".yml", ".json"];

export interface ReadResult {
  readonly files: SourceFile[];
  readonly errors: InputError[];
}

/**
 * Read every manifest file named by `-f` arguments: files as given (any extension, as
 * kubectl does), folders recursively (.yaml, .yml, .json only, in name order), "-" for stdin.
 */
export function readManifestPaths(paths: readonly string[], readStdin: () => string): ReadResult {
  const files: SourceFile[] = [];
  const errors: InputError[] = [];
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
      readOne(path, files, errors);
      continue;
    }
    const found = listManifestFiles(path);
    if (found.length === 0) {
      errors.push({ file: path, message: `no ${MANIFEST_EXTENSIONS.join(", ")} files in this folder` });
      continue;
    }
    for (const f of found) readOne(f, files, errors);
  }
  return { files, errors };
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
