import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { run } from "../helpers/cli.js";

/**
 * Start-up stays cheap: what `gwctl --version` loads is main.ts and the command definitions,
 * and those import commander and a few tiny modules only; every action is import()ed when its
 * command runs. Checked on the sources (the time itself is measured by `npm run bench`).
 */

const CLI = join(import.meta.dirname, "..", "..", "src", "cli");

/** Modules that main.ts and commands/*.ts may import for their values. */
const ALLOWED = new Set(["commander", "node:fs", "./exit.js", "./version.js"]);

function valueImports(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const out: string[] = [];
  for (const m of text.matchAll(/^import\s+(type\s+)?([^;]*?)\s+from\s+"([^"]+)";/gms)) {
    if (m[1]) continue; // import type { … }
    const names = (m[2] as string).replace(/[{}\s]/g, "");
    // import { type A, type B } from "x" imports no value either.
    if (names.split(",").every((n) => n.startsWith("type") || n === "")) continue;
    out.push(m[3] as string);
  }
  return out;
}

describe("gwctl start-up", () => {
  const files = [
    join(CLI, "main.ts"),
    ...readdirSync(join(CLI, "commands")).map((f) => join(CLI, "commands", f)),
  ];
  for (const file of files) {
    it(`${file.slice(CLI.length + 1)} imports only light modules (actions are loaded lazily)`, () => {
      const inCommands = file.includes(`${join("cli", "commands")}`);
      // Other command definitions are light too: main.ts imports ./commands/*, and a command may
      // share a sibling's option set (./proxy-config.js).
      const sibling = inCommands ? /^\.\/[^/]+\.js$/ : /^\.\/commands\/[^/]+\.js$/;
      const heavy = valueImports(file).filter((m) => !ALLOWED.has(m) && !sibling.test(m));
      assert.deepEqual(heavy, [], `import these with import() inside the action instead`);
    });
  }

  it("an unknown command exits 2, even with --help (so callers can tell which commands exist)", async () => {
    const r = await run(["no-such-command", "--help"]);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, "");
    assert.match(r.stderr, /unknown command 'no-such-command'/);
  });

  it("a known command's --help exits 0 and names the command", async () => {
    const r = await run(["proxy-config", "--help"]);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^Usage: gwctl proxy-config/);
  });
});
