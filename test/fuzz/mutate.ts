import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseAllDocuments, stringify } from "yaml";
import type { Io } from "../../src/cli/io.js";
import { main } from "../../src/cli/main.js";
import { Rng } from "../bench/prng.js";

/**
 * Mutation runs: a fixture with one value replaced at a random path (null, a wrong type, an
 * odd string) is fed to every command; none may end in gwctl's "internal error" (a bug,
 * not the input's fault: bad input must be an input error with its file and field). Seeded,
 * so a run is the same on every machine and a failure can be replayed.
 */

type Path = readonly (string | number)[];

/** Values that are wrong in the ways users get YAML wrong. */
const JUNK: readonly unknown[] = [
  null,
  "s",
  5,
  -1,
  70000,
  0.5,
  true,
  [],
  {},
  [null],
  { x: 1 },
  "",
  "*",
  "a/b/c",
];

function leafPaths(value: unknown, path: Path, out: Path[]): Path[] {
  if (path.length > 1) out.push(path);
  if (value !== null && typeof value === "object")
    for (const [k, v] of Object.entries(value))
      leafPaths(v, [...path, Array.isArray(value) ? Number(k) : k], out);
  return out;
}

/** A deep copy of `root` with the value at one random path replaced by junk. */
export function mutate<T>(root: T, rng: Rng): { value: T; path: Path; junk: unknown } {
  const copy = structuredClone(root);
  const paths = leafPaths(copy, [], []);
  const path = rng.pick(paths);
  const junk = rng.pick(JUNK);
  let parent = copy as Record<string | number, unknown>;
  for (const k of path.slice(0, -1)) parent = parent[k] as Record<string | number, unknown>;
  parent[path[path.length - 1] as string | number] = structuredClone(junk);
  return { value: copy, path, junk };
}

export interface Finding {
  readonly command: string;
  readonly path: string;
  readonly junk: string;
  readonly error: string;
}

async function internalError(args: readonly string[]): Promise<string | undefined> {
  let stderr = "";
  const io: Io = {
    stdout: { write: () => true },
    stderr: {
      write: (s: string) => {
        stderr += s;
        return true;
      },
    },
    env: {},
    readStdin: () => "",
    now: () => new Date("2025-04-20T00:00:00Z"),
  };
  await main(["node", "gwctl", ...args], io);
  return stderr.split("\n").find((l) => l.includes("internal error"));
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((f) => {
      const p = join(dir, f);
      if (statSync(p).isDirectory()) return yamlFiles(p);
      return /\.ya?ml$/.test(f) ? [p] : [];
    });
}

/** Every command that reads manifests, with arguments that reach deep into the config. */
function manifestCommands(dir: string, routeTests: string): string[][] {
  return [
    ["proxy-config", "all", "-o", "json"],
    ["proxy-config", "all"],
    ["lint"],
    ["simulate", "http://webapp.istioinaction.io:30000/api/catalog"],
    ["simulate", "https://webapp.istioinaction.io:30005/", "--sni", "webapp.istioinaction.io"],
    ["simulate", "tcp://localhost:30006"],
    ["describe", "host", "webapp.istioinaction.io"],
    ["route", "check", routeTests, "--name", "http.8080"],
  ].map((c) => [...c, "-f", dir]);
}

/** Each of `runs` mutations of `root`, written by `write`, through every command. */
async function runMutations<T>(
  root: T,
  rng: Rng,
  runs: number,
  write: (value: T) => void,
  commands: readonly (readonly string[])[],
): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (let i = 0; i < runs; i++) {
    const m = mutate(root, rng);
    write(m.value);
    for (const args of commands) {
      const error = await internalError(args);
      if (error)
        findings.push({
          command: args.join(" "),
          path: m.path.join("."),
          junk: JSON.stringify(m.junk),
          error,
        });
    }
  }
  return findings;
}

/** `runs` mutations of the manifests under `fixture`, each through every command. */
export async function fuzzManifests(
  fixture: string,
  seed: string,
  runs: number,
  work: string,
): Promise<Finding[]> {
  const docs = yamlFiles(fixture).flatMap((f) =>
    parseAllDocuments(readFileSync(f, "utf8"))
      .map((d) => d.toJS() as unknown)
      .filter((d) => d !== null && d !== undefined),
  );
  mkdirSync(work, { recursive: true });
  const routeTests = join(work, "route-tests.yaml");
  writeFileSync(
    routeTests,
    "tests:\n- test_name: t\n  input: {authority: webapp.istioinaction.io, path: /, method: GET}\n  validate: {cluster_name: x}\n",
  );
  const out = join(work, "manifests.yaml");
  return runMutations(
    docs,
    new Rng(`${fixture}:${seed}`),
    runs,
    (value) => writeFileSync(out, value.map((d) => stringify(d)).join("---\n")),
    manifestCommands(out, routeTests),
  );
}

/** `runs` mutations of a saved config dump, each through every view, diff and simulate. */
export async function fuzzDump(file: string, seed: string, runs: number, work: string): Promise<Finding[]> {
  const dump = JSON.parse(readFileSync(file, "utf8")) as unknown;
  mkdirSync(work, { recursive: true });
  const out = join(work, "dump.json");
  const views = ["listeners", "routes", "clusters", "endpoints", "secrets", "bootstrap", "ecds", "all"];
  const commands = [
    ...views.map((v) => ["proxy-config", v]),
    ["proxy-config", "all", "-o", "json"],
    ["diff", "--expected-dump", file],
    ["simulate", "http://httpbin.example.com/get"],
  ].map((c) => [...c, "--dump", out]);
  return runMutations(
    dump,
    new Rng(`${file}:${seed}`),
    runs,
    (value) => writeFileSync(out, JSON.stringify(value)),
    commands,
  );
}
