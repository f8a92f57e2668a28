import { readFileSync } from "node:fs";
import { CliError } from "./exit.js";
import type { Io } from "./io.js";

/**
 * Read a text file named on the command line (`-` is stdin); a missing file is a usage error.
 * Read as bytes, then decoded: the same text as readFileSync(path, "utf8") (invalid
 * sequences become U+FFFD either way), but Node 20's one-step read takes twice as long on a
 * config dump of hundreds of megabytes (273 MB: ~2 s against ~1 s).
 */
export function readTextFile(io: Io, path: string, what?: string): string {
  try {
    return path === "-" ? io.readStdin() : readFileSync(path).toString("utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const reason =
      code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a folder" : (e as Error).message;
    throw new CliError(`${what ? `${what} ` : ""}${path}: ${reason}`);
  }
}
