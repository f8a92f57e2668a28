import { readFileSync } from "node:fs";
import { CliError } from "./exit.js";
import type { Io } from "./io.js";

/** Read a text file named on the command line (`-` is stdin); a missing file is a usage error. */
export function readTextFile(io: Io, path: string, what?: string): string {
  try {
    return path === "-" ? io.readStdin() : readFileSync(path, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const reason =
      code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a folder" : (e as Error).message;
    throw new CliError(`${what ? `${what} ` : ""}${path}: ${reason}`);
  }
}
