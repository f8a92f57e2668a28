import { readFileSync } from "node:fs";
import { Command, CommanderError } from "commander";
import { registerDescribe } from "./commands/describe.js";
import { registerDiff } from "./commands/diff.js";
import { registerLint } from "./commands/lint.js";
import { registerProxyConfig } from "./commands/proxy-config.js";
import { registerRouteCheck } from "./commands/route-check.js";
import { registerSimulate } from "./commands/simulate.js";
import { EXIT_OK, EXIT_USAGE, isCliError } from "./exit.js";
import type { Io } from "./io.js";
import { VERSION } from "./version.js";

// Start-up cost: this module loads commander and the command definitions only. Every action,
// and chalk (through ./io.js), is import()ed when a command runs, so `gwctl --version` and
// `--help` stay close to bare node (measured by `npm run bench`, figure f).

export interface Context {
  readonly io: Io;
  /** Set by an action: the process exit code. */
  exitCode: number;
}

/**
 * `gwctl … | head` closes the pipe early; that is the reader's choice, not an error, so end
 * quietly instead of letting Node print a stack trace for EPIPE.
 */
function endQuietlyOnClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") process.exit(typeof process.exitCode === "number" ? process.exitCode : 0);
    process.stderr.write(`gwctl: ${e.message}\n`);
    process.exit(2);
  });
}

export function processIo(): Io {
  endQuietlyOnClosedPipe(process.stdout);
  endQuietlyOnClosedPipe(process.stderr);
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    // Reading fd 0 synchronously is what `-f -` needs; it works for pipes and files.
    readStdin: () => readFileSync(0, "utf8"),
    now: () => new Date(),
  };
}

export function buildProgram(ctx: Context): Command {
  const program = new Command("gwctl");
  program
    .description(
      "Debug Istio ingress-gateway configuration: simulate what istiod pushes to the gateway's Envoy from manifests, read a live Envoy or a saved config dump, and compare them.",
    )
    .version(VERSION, "--version", "print the gwctl version")
    .option("--no-color", "never colour the output (also NO_COLOR=1)")
    .showHelpAfterError("(run with --help for usage)")
    .configureOutput({
      writeOut: (s) => ctx.io.stdout.write(s),
      writeErr: (s) => ctx.io.stderr.write(s),
    })
    .exitOverride();
  program.addHelpText(
    "after",
    `
Examples:
  gwctl proxy-config routes -f fixtures/walkthrough/02-virtualservice
  gwctl proxy-config listeners -f manifests/ --istio-version 1.17
  gwctl proxy-config all --admin http://127.0.0.1:15000 -o json
  gwctl diff -f manifests/ --admin http://127.0.0.1:15000
  gwctl diff --base main-manifests/ --head pr-manifests/
  gwctl lint -f manifests/ -o sarif
  gwctl simulate https://webapp.example.com:30005/api -f manifests/
  gwctl route check tests.yaml -f manifests/ --name http.8080
  gwctl describe host webapp.example.com -f manifests/

Exit codes: 0 success, 1 findings (lint errors, diff drift, failed checks), 2 usage or input errors.`,
  );
  registerProxyConfig(program, ctx);
  registerDiff(program, ctx);
  registerLint(program, ctx);
  registerSimulate(program, ctx);
  registerRouteCheck(program, ctx);
  registerDescribe(program, ctx);
  return program;
}

/** Run the CLI; resolves to the exit code. Never throws. */
export async function main(argv: readonly string[], io: Io = processIo()): Promise<number> {
  const ctx: Context = { io, exitCode: EXIT_OK };
  const program = buildProgram(ctx);
  let code: number;
  try {
    const unknown = unknownCommand(program, argv.slice(2));
    if (unknown !== undefined)
      program.error(`error: unknown command '${unknown}'`, { code: "commander.unknownCommand" });
    await program.parseAsync([...argv]);
    code = ctx.exitCode;
  } catch (e) {
    code = await handleError(e, io, argv.includes("--no-color"));
  }
  if (io === undefined || (io.stdout as unknown) === process.stdout) process.exitCode = code;
  return code;
}

/**
 * The first word when it names no command. Commander would print the program's help for
 * `gwctl NOSUCH --help` and exit 0; gwctl says the command is unknown and exits 2, so that
 * scripts (and the benchmark) can tell which commands a build has.
 */
function unknownCommand(program: Command, args: readonly string[]): string | undefined {
  const word = args.find((a) => !a.startsWith("-"));
  if (word === undefined || word === "help") return undefined;
  const known = program.commands.some((c) => c.name() === word || c.aliases().includes(word));
  return known ? undefined : word;
}

async function handleError(e: unknown, io: Io, noColor: boolean): Promise<number> {
  if (e instanceof CommanderError) {
    // Help and --version exit through here too; commander has printed them already.
    if (e.code === "commander.helpDisplayed" || e.code === "commander.version" || e.code === "commander.help")
      return EXIT_OK;
    return EXIT_USAGE;
  }
  const { diagnostics } = await import("./io.js");
  const d = diagnostics(io, noColor);
  if (isCliError(e)) {
    d.error(e.message);
    return e.exitCode;
  }
  // Anything else is a bug in gwctl; say so in one line, and keep the detail for GWCTL_DEBUG.
  d.error(
    `internal error: ${(e as Error)?.message ?? String(e)} (please report it; set GWCTL_DEBUG=1 for details)`,
  );
  if (io.env.GWCTL_DEBUG) io.stderr.write(`${(e as Error)?.stack ?? ""}\n`);
  return EXIT_USAGE;
}
