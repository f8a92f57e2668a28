import assert from "node:assert/strict";
import { join } from "node:path";
import type { Io } from "../../src/cli/io.js";
import { clearingFirst, progressFor } from "../../src/cli/progress.js";
import { run } from "../helpers/cli.js";
import { WALKTHROUGH } from "../helpers/walkthrough.js";

/** An Io whose stderr is a terminal (or not), recording what is written to it. */
function terminal(isTTY: boolean, env: Record<string, string> = {}): { io: Io; written: () => string } {
  let text = "";
  const stream = {
    isTTY,
    columns: 60,
    write: (s: string) => {
      text += s;
      return true;
    },
  };
  const io: Io = {
    stdout: { write: () => true, isTTY },
    stderr: stream,
    env,
    readStdin: () => "",
    now: () => new Date(0),
  };
  return { io, written: () => text };
}

/** A clock that moves by `step` milliseconds each time it is read. */
function ticking(step: number): () => number {
  let t = 0;
  return () => {
    t += step;
    return t;
  };
}

describe("progress on stderr", () => {
  it("shows a status line on a terminal once the run has lasted the delay, and clears it", () => {
    const t = terminal(true);
    const p = progressFor(t.io, { delayMs: 1000, intervalMs: 100, clock: ticking(600) });
    p.status("parsing manifests: 1/3 files"); // 600 ms: too early
    assert.equal(t.written(), "");
    p.status("parsing manifests: 2/3 files"); // 1200 ms
    assert.equal(t.written(), "\r\x1b[2Kgwctl [1 s] parsing manifests: 2/3 files");
    p.clear();
    assert.ok(t.written().endsWith("\r\x1b[2K"));
  });

  it("redraws at most once per interval, and cuts the line to the terminal's width", () => {
    const t = terminal(true);
    const p = progressFor(t.io, { delayMs: 0, intervalMs: 100, clock: ticking(30) });
    for (let i = 0; i < 10; i++) p.status(`step ${i} ${"x".repeat(100)}`);
    const draws = t.written().split("\r\x1b[2K").filter(Boolean);
    assert.ok(draws.length >= 2 && draws.length <= 3, `${draws.length} draws`);
    for (const d of draws) assert.ok(d.length <= 59, d);
  });

  it("says nothing when stderr is not a terminal, on dumb terminals, in CI or with GWCTL_NO_PROGRESS", () => {
    for (const t of [
      terminal(false),
      terminal(true, { TERM: "dumb" }),
      terminal(true, { CI: "true" }),
      terminal(true, { GWCTL_NO_PROGRESS: "1" }),
    ]) {
      const p = progressFor(t.io, { delayMs: 0, clock: ticking(1000) });
      p.status("working");
      p.clear();
      assert.equal(t.written(), "");
    }
  });

  it("takes the status line away before a diagnostic", () => {
    const t = terminal(true);
    const p = progressFor(t.io, { delayMs: 0, clock: ticking(1000) });
    const lines: string[] = [];
    const d = clearingFirst(
      { error: (m) => lines.push(m), warn: (m) => lines.push(m), note: (m) => lines.push(m) },
      p,
    );
    p.status("working");
    d.warn("careful");
    assert.ok(t.written().endsWith("\r\x1b[2K"));
    assert.deepEqual(lines, ["careful"]);
  });

  it("never reaches stdout: proxy-config -o json prints the same on a terminal", async () => {
    const args = ["proxy-config", "all", "-o", "json", "-f", join(WALKTHROUGH, "05-tls-multi-host")];
    const piped = await run(args);
    const tty = await run(args, { tty: true });
    assert.equal(tty.code, 0, tty.stderr);
    assert.equal(tty.stdout, piped.stdout);
    JSON.parse(tty.stdout);
  });
});
