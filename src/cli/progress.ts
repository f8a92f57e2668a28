import type { Diagnostics, Io } from "./io.js";

/**
 * A status line for long runs (tens of thousands of resources): what gwctl is doing and how
 * far it got, redrawn in place on stderr. Only on a terminal, never before the run has lasted
 * `delayMs` (so short runs print nothing), at most every `intervalMs`, and never on stdout:
 * machine output stays clean. Off with GWCTL_NO_PROGRESS=1, in CI and on dumb terminals.
 */
export interface Progress {
  /** What is being done now, e.g. "parsing manifests: 812/2,003 files". Cheap to call often. */
  status(text: string): void;
  /** Take the line away; call before writing anything else to the terminal. */
  clear(): void;
}

export interface ProgressOptions {
  readonly delayMs?: number;
  readonly intervalMs?: number;
  /** Milliseconds from a monotonic clock. */
  readonly clock?: () => number;
}

const SILENT: Progress = { status: () => {}, clear: () => {} };

export function progressFor(io: Io, options: ProgressOptions = {}): Progress {
  const stream = io.stderr as Io["stderr"] & { columns?: number };
  const env = io.env;
  const off =
    !stream.isTTY ||
    env.TERM === "dumb" ||
    (env.CI !== undefined && env.CI !== "" && env.CI !== "false") ||
    (env.GWCTL_NO_PROGRESS !== undefined && env.GWCTL_NO_PROGRESS !== "" && env.GWCTL_NO_PROGRESS !== "0");
  if (off) return SILENT;
  const clock = options.clock ?? (() => performance.now());
  const delayMs = options.delayMs ?? 1000;
  const intervalMs = options.intervalMs ?? 100;
  const start = clock();
  let lastDraw = Number.NEGATIVE_INFINITY;
  let shown = false;
  return {
    status(text) {
      const now = clock();
      if (now - start < delayMs || now - lastDraw < intervalMs) return;
      lastDraw = now;
      const line = `gwctl [${Math.round((now - start) / 1000)} s] ${text}`;
      const width = (stream.columns ?? 80) - 1;
      stream.write(`\r\x1b[2K${line.length > width ? `${line.slice(0, width - 1)}…` : line}`);
      shown = true;
    },
    clear() {
      if (!shown) return;
      stream.write("\r\x1b[2K");
      shown = false;
    },
  };
}

/** Diagnostics that first take the status line away, so that they print on a line of their own. */
export function clearingFirst(d: Diagnostics, p: Progress): Diagnostics {
  return {
    error: (m) => {
      p.clear();
      d.error(m);
    },
    warn: (m) => {
      p.clear();
      d.warn(m);
    },
    note: (m) => {
      p.clear();
      d.note(m);
    },
  };
}

/** 12345 → "12,345". */
export function count(n: number): string {
  return n.toLocaleString("en-US");
}
