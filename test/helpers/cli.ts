import type { Io } from "../../src/cli/io.js";
import { main } from "../../src/cli/main.js";

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Run gwctl in-process with captured output, no colours and a fixed clock. */
export async function gwctl(
  args: string[],
  opts: { stdin?: string; now?: Date; tty?: boolean; env?: Record<string, string> } = {},
): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const io: Io = {
    stdout: { write: (s: string) => (stdout += s), isTTY: opts.tty ?? false },
    stderr: { write: (s: string) => (stderr += s), isTTY: false },
    env: opts.env ?? {},
    readStdin: () => opts.stdin ?? "",
    now: () => opts.now ?? new Date("2025-04-20T00:30:33Z"),
  };
  const code = await main(["node", "gwctl", ...args], io);
  return { code, stdout, stderr };
}
