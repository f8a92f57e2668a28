import type { Io } from "../../src/cli/io.js";
import { main } from "../../src/cli/main.js";

export interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Run the CLI in-process with captured output (not a TTY, so no colours). */
export async function runCli(
  args: readonly string[],
  stdin = "",
  env: Record<string, string> = {},
): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const io: Io = {
    stdout: {
      write: (s: string) => {
        stdout += s;
        return true;
      },
    },
    stderr: {
      write: (s: string) => {
        stderr += s;
        return true;
      },
    },
    env,
    readStdin: () => stdin,
    now: () => new Date("2026-01-15T00:00:00Z"),
  };
  const code = await main(["node", "gwctl", ...args], io);
  return { code, stdout, stderr };
}
