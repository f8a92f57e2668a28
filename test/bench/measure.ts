import { spawn } from "node:child_process";
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * One timed child process: wall time from the parent's monotonic clock (process.hrtime),
 * peak RSS from GNU time (`/usr/bin/time -f %M`), or, where that is missing, from
 * process.resourceUsage().maxRSS written by a preloaded module of the child itself.
 */

const GNU_TIME = "/usr/bin/time";
const RSS_PRELOAD = join(import.meta.dirname, "floors", "maxrss.mjs");

export interface Sample {
  readonly wallMs: number;
  /** Peak resident set size in bytes (undefined when it could not be read). */
  readonly peakRss?: number;
  /** User plus system CPU time in milliseconds: unlike wall time, not inflated by other load. */
  readonly cpuMs?: number;
  readonly code: number | null;
  /** The last lines of stderr, to say why a run failed. */
  readonly stderrTail: string;
}

export interface RunSpec {
  /** Arguments to node (a script and its arguments, or -e CODE). */
  readonly nodeArgs: readonly string[];
  /** Where stdout goes: a file path, or undefined to discard it. */
  readonly stdoutFile?: string;
  readonly cwd: string;
}

export function rssMethod(): "gnu-time" | "resourceUsage" {
  return existsSync(GNU_TIME) ? "gnu-time" : "resourceUsage";
}

/** The environment of a measured child: no inherited NODE_OPTIONS or loader hooks, no colours. */
function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (k === "NODE_OPTIONS" || k.startsWith("TSX") || k.startsWith("npm_")) continue;
    env[k] = v;
  }
  return { ...env, NO_COLOR: "1", ...extra };
}

export async function runOnce(spec: RunSpec): Promise<Sample> {
  const scratch = mkdtempSync(join(tmpdir(), "gwctl-bench-"));
  const rssFile = join(scratch, "rss");
  const useTime = rssMethod() === "gnu-time";
  const [cmd, args, env] = useTime
    ? [GNU_TIME, ["-f", "%M %U %S", "-o", rssFile, process.execPath, ...spec.nodeArgs], childEnv({})]
    : [
        process.execPath,
        ["--import", RSS_PRELOAD, ...spec.nodeArgs],
        childEnv({ GWCTL_BENCH_RSS_FILE: rssFile }),
      ];
  const out = spec.stdoutFile ? openSync(spec.stdoutFile, "w") : "ignore";
  let stderr = "";
  const start = process.hrtime.bigint();
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: spec.cwd, env, stdio: ["ignore", out, "pipe"] });
    child.stderr?.setEncoding("utf8");
    child.stderr?.on("data", (s: string) => {
      stderr = (stderr + s).slice(-4000);
    });
    child.on("error", reject);
    child.on("close", (c) => resolve(c));
  });
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  if (typeof out === "number") closeSync(out);
  let peakRss: number | undefined;
  let cpuMs: number | undefined;
  try {
    // GNU time writes "Command exited with non-zero status N" before the figures when it fails.
    const lines = readFileSync(rssFile, "utf8").trim().split("\n");
    const [kib, user, sys] = (lines[lines.length - 1] as string).split(" ").map(Number);
    if (kib !== undefined && Number.isFinite(kib) && kib > 0) peakRss = kib * 1024;
    if (user !== undefined && sys !== undefined && Number.isFinite(user + sys)) cpuMs = (user + sys) * 1000;
  } catch {
    // no figures: the child died before writing them
  }
  rmSync(scratch, { recursive: true, force: true });
  const stderrTail = stderr.trim().split("\n").slice(-5).join("\n");
  return {
    wallMs,
    ...(peakRss !== undefined && { peakRss }),
    ...(cpuMs !== undefined && { cpuMs }),
    code,
    stderrTail,
  };
}
