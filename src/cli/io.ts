import { Chalk, type ChalkInstance } from "chalk";

/** Where a command writes: data to stdout, diagnostics to stderr. Injected for tests. */
export interface Io {
  readonly stdout: { write(s: string): unknown; isTTY?: boolean };
  readonly stderr: { write(s: string): unknown; isTTY?: boolean };
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly readStdin: () => string;
  /** The clock, for certificate validity. */
  readonly now: () => Date;
}

/** Colours only on a terminal, never with NO_COLOR or --no-color, never for dumb terminals. */
export function colorsFor(stream: { isTTY?: boolean }, env: Io["env"], noColorFlag: boolean): ChalkInstance {
  const off =
    noColorFlag ||
    !stream.isTTY ||
    (env.NO_COLOR !== undefined && env.NO_COLOR !== "") ||
    env.TERM === "dumb";
  return new Chalk({ level: off ? 0 : 1 });
}

export interface Diagnostics {
  error(message: string): void;
  warn(message: string): void;
  note(message: string): void;
}

export function diagnostics(io: Io, noColorFlag: boolean): Diagnostics {
  const c = colorsFor(io.stderr, io.env, noColorFlag);
  return {
    error: (m) => io.stderr.write(`${c.red("error:")} ${m}\n`),
    warn: (m) => io.stderr.write(`${c.yellow("warning:")} ${m}\n`),
    note: (m) => io.stderr.write(`${c.dim("note:")} ${m}\n`),
  };
}

/** Slices of at most this many UTF-16 units are written at a time. */
const WRITE_SLICE = 1 << 16;

/**
 * Write a text that may be hundreds of megabytes (a whole config dump) in slices of 64 KiB.
 * A stream turns the string it is given into one Buffer first: a single write holds a second
 * copy of the output at its largest and costs the system time of faulting it in (writing a
 * 129 MB dump to a file: ~1.4 s of CPU whole, ~0.7 s in 64 KiB slices). A slice never ends
 * between the two halves of a surrogate pair.
 */
export function writeLarge(out: Io["stdout"], text: string): void {
  if (text.length <= WRITE_SLICE) {
    out.write(text);
    return;
  }
  for (let i = 0; i < text.length; ) {
    let end = Math.min(i + WRITE_SLICE, text.length);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--;
    out.write(text.slice(i, end));
    i = end;
  }
}
