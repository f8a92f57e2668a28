import assert from "node:assert/strict";
import type { Command } from "commander";
import type { Io } from "../../src/cli/io.js";
import { buildProgram } from "../../src/cli/main.js";
import { run } from "../helpers/cli.js";

/** Every command, groups included, answers --help with examples (taken from the program itself). */

function paths(cmd: Command, prefix: string[] = []): string[][] {
  return cmd.commands
    .filter((c) => !(c as Command & { _hidden?: boolean })._hidden)
    .flatMap((c) => [[...prefix, c.name()], ...paths(c, [...prefix, c.name()])]);
}

describe("--help on every command", () => {
  // Only the command tree is read; no action runs, so no streams are needed.
  const program = buildProgram({ io: {} as Io, exitCode: 0 });
  const all = paths(program);

  it("finds the commands", () => {
    for (const c of ["proxy-config", "diff", "lint", "simulate", "route", "describe"])
      assert.ok(
        all.some((p) => p.join(" ") === c),
        c,
      );
  });

  for (const p of all) {
    it(`gwctl ${p.join(" ")} --help has examples and exits 0`, async () => {
      const r = await run([...p, "--help"]);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /\nExamples?:\n {2}gwctl /);
    });
  }
});
