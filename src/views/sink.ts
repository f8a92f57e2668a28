/**
 * Where a view's text goes as it is produced. A whole dump printed as JSON is six times the
 * manifests it came from (262 MB at the benchmark's largest scale); built as one string it
 * was the largest allocation of `proxy-config all`, and nothing reached stdout until the end.
 * Views write to an Emit instead, and callers decide whether to collect or stream.
 */
export type Emit = (text: string) => void;

/** Pieces are passed on once this many UTF-16 units have gathered. */
const CHUNK = 1 << 16;

export interface Chunked {
  readonly emit: Emit;
  /** Pass on what has gathered; call before anything else is written to the same place. */
  flush(): void;
}

/**
 * Gathers the small pieces writers produce (a key, a comma, an indent) into chunks of about
 * 64 KiB for `out`, so that a stream sees a few thousand writes, not millions.
 */
export function chunked(out: Emit): Chunked {
  let pending = "";
  return {
    emit(text) {
      pending += text;
      if (pending.length >= CHUNK) {
        out(pending);
        pending = "";
      }
    },
    flush() {
      if (pending === "") return;
      out(pending);
      pending = "";
    },
  };
}

/** Run a writer and return what it wrote as one string (tests, small outputs). */
export function collect(write: (emit: Emit) => void): string {
  const parts: string[] = [];
  write((s) => parts.push(s));
  return parts.join("");
}
