import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { VERSION } from "../../src/cli/version.js";
import { FIXTURES, step } from "../helpers/walkthrough.js";

/** The real executable (bin/gwctl → dist/, built by `npm test`'s pretest). */
const BIN = join(FIXTURES, "..", "bin", "gwctl");

describe("the gwctl executable", () => {
  it("--version prints the package version", () => {
    const r = spawnSync(BIN, ["--version"], { encoding: "utf8" });
    assert.equal(r.status, 0);
    assert.equal(r.stdout.trim(), VERSION);
    const pkg = JSON.parse(readFileSync(join(FIXTURES, "..", "package.json"), "utf8")) as { version: string };
    assert.equal(VERSION, pkg.version, "src/cli/version.ts follows package.json");
  });

  it("--help lists every command, with examples", () => {
    const r = spawnSync(BIN, ["--help"], { encoding: "utf8" });
    assert.equal(r.status, 0);
    for (const cmd of ["proxy-config", "lint", "simulate", "route", "describe"])
      assert.match(r.stdout, new RegExp(`\\n  ${cmd}\\b`));
    assert.match(r.stdout, /Examples:/);
  });

  it("sets the exit code of a failing input and prints no stack trace", () => {
    const r = spawnSync(BIN, ["proxy-config", "listeners", "-f", join(FIXTURES, "bad-input", "binary")], {
      encoding: "utf8",
    });
    assert.equal(r.status, 2);
    assert.doesNotMatch(r.stderr, /^\s+at /m);
  });

  it("ends quietly when the reader closes the pipe early (gwctl … | head)", async () => {
    const child = spawn(BIN, ["proxy-config", "all", "-o", "json", "-f", step("05-tls-multi-host")], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    // Close the read end before gwctl writes anything, so that its first write meets EPIPE.
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    assert.doesNotMatch(stderr, /EPIPE|^\s+at /m);
    assert.equal(code, 0);
  });

  it("never colours output that is not a terminal, even when asked with FORCE_COLOR", () => {
    const r = spawnSync(
      BIN,
      ["proxy-config", "listeners", "-f", join(FIXTURES, "bad-input", "missing-gateway")],
      {
        encoding: "utf8",
        env: { ...process.env, FORCE_COLOR: "1" },
      },
    );
    assert.ok(!(r.stderr + r.stdout).includes("\u001b["), "no ANSI escape sequences");
  });
});
