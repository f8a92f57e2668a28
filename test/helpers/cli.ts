import assert from "node:assert/strict";
import type { Io } from "../../src/cli/io.js";
import { main } from "../../src/cli/main.js";

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  readonly stdin?: string;
  readonly env?: Record<string, string>;
  /** The clock for certificate validity; a fixed date keeps VALID CERT stable. */
  readonly now?: Date;
  readonly tty?: boolean;
}

/** Run gwctl in-process with captured streams. */
export async function run(args: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
  let stdout = "";
  let stderr = "";
  const io: Io = {
    stdout: {
      write: (s: string) => {
        stdout += s;
        return true;
      },
      isTTY: opts.tty ?? false,
    },
    stderr: {
      write: (s: string) => {
        stderr += s;
        return true;
      },
      isTTY: opts.tty ?? false,
    },
    env: opts.env ?? {},
    readStdin: () => opts.stdin ?? "",
    now: () => opts.now ?? new Date("2026-01-01T00:00:00Z"),
  };
  const code = await main(["node", "gwctl", ...args], io);
  return { code, stdout, stderr };
}

export type CliRun = RunResult;

/** The walkthrough's own clock: the date of its curl runs (original-post.txt, 2025-04-20). */
export const WALKTHROUGH_NOW = new Date("2025-04-20T00:30:33Z");

/** `run` on the walkthrough's clock, for tests that replay its requests. */
export function gwctl(args: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
  return run(args, { ...opts, now: opts.now ?? WALKTHROUGH_NOW });
}

/** Exactly one line on stderr, an error matching `pattern`, nothing on stdout, exit 2. */
export function oneLineError(r: RunResult, pattern: RegExp): void {
  assert.equal(r.code, 2, r.stderr);
  assert.equal(r.stdout, "");
  const lines = r.stderr.trimEnd().split("\n");
  assert.equal(lines.length, 1, `one line expected, got:\n${r.stderr}`);
  assert.match(lines[0] as string, /^error: /);
  // A bug's message may happen to match: bad input is never an internal error.
  assert.doesNotMatch(lines[0] as string, /^error: internal error:/);
  assert.match(lines[0] as string, pattern);
}
