/**
 * One status line on stderr for the benchmark scripts, redrawn in place, only when stderr is a
 * terminal (a log file or CI gets no carriage returns). Redrawn at most ten times a second.
 */
export interface ProgressLine {
  update(text: string): void;
  clear(): void;
}

export function progressLine(stream: { isTTY?: boolean; write(s: string): unknown }): ProgressLine {
  if (!stream.isTTY) return { update: () => {}, clear: () => {} };
  let last = 0;
  let shown = false;
  return {
    update(text) {
      const now = performance.now();
      if (now - last < 100) return;
      last = now;
      shown = true;
      stream.write(`\r\x1b[2K${text}`);
    },
    clear() {
      if (shown) stream.write("\r\x1b[2K");
      shown = false;
    },
  };
}
