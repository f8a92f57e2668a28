import { join } from "node:path";

/**
 * What `npm run bench` measures, per scale, and what each figure is compared with. The gwctl
 * invocations are fixed: other branches add `lint` and `diff`, and these same lines measure
 * them once they exist.
 */

export type BenchId = "a" | "b" | "c" | "d-same" | "d-changed" | "e";
export type ColdId = "f-gwctl" | "f-node";

/** What a command's peak memory is compared with: the bytes of input it reads. */
export type InputKind = "yaml" | "dump" | "two-dumps";

export interface BenchSpec {
  readonly id: BenchId;
  readonly label: string;
  /** The command as a user types it (DIR for the corpus folder). */
  readonly shown: string;
  /** Arguments to node. */
  nodeArgs(repo: string, dir: string): string[];
  /** Exit codes of a successful run. */
  readonly okCodes: readonly number[];
  /** The gwctl command that must exist, for commands being built on other branches. */
  readonly needs?: string;
  readonly floor?: BenchId;
  /** Largest ratio to the floor that meets the target. */
  readonly target?: number;
  readonly input: InputKind;
  /** Keep stdout in a file (to check it for key material). */
  readonly keepStdout?: boolean;
}

const gwctl = (repo: string, ...args: string[]) => [join(repo, "bin", "gwctl"), ...args];
const floor = (repo: string, script: string, ...args: string[]) => [
  join(repo, "test", "bench", "floors", script),
  ...args,
];

export const SUITE: readonly BenchSpec[] = [
  {
    id: "a",
    label: "(a) YAML parse, yaml package alone (floor)",
    shown: "node test/bench/floors/yaml-parse.mjs DIR",
    nodeArgs: (repo, dir) => floor(repo, "yaml-parse.mjs", dir),
    okCodes: [0],
    input: "yaml",
  },
  {
    id: "b",
    label: "(b) proxy-config all -o json",
    shown: "gwctl proxy-config all -o json -f DIR",
    nodeArgs: (repo, dir) => gwctl(repo, "proxy-config", "all", "-o", "json", "-f", dir),
    okCodes: [0],
    floor: "a",
    target: 2,
    input: "yaml",
    keepStdout: true,
  },
  {
    id: "c",
    label: "(c) lint",
    shown: "gwctl lint -f DIR -o json",
    nodeArgs: (repo, dir) => gwctl(repo, "lint", "-f", dir, "-o", "json"),
    okCodes: [0, 1],
    needs: "lint",
    floor: "a",
    target: 2,
    input: "yaml",
  },
  {
    id: "d-same",
    label: "(d) diff, dump against itself",
    shown: "gwctl diff --expected-dump DIR/dump.json --dump DIR/dump.json",
    nodeArgs: (repo, dir) =>
      gwctl(repo, "diff", "--expected-dump", join(dir, "dump.json"), "--dump", join(dir, "dump.json")),
    okCodes: [0],
    needs: "diff",
    floor: "e",
    target: 3,
    input: "two-dumps",
  },
  {
    id: "d-changed",
    label: "(d) diff, dump against a changed copy",
    shown: "gwctl diff --expected-dump DIR/dump.json --dump DIR/dump-changed.json",
    nodeArgs: (repo, dir) =>
      gwctl(
        repo,
        "diff",
        "--expected-dump",
        join(dir, "dump.json"),
        "--dump",
        join(dir, "dump-changed.json"),
      ),
    okCodes: [1],
    needs: "diff",
    floor: "e",
    target: 3,
    input: "two-dumps",
  },
  {
    id: "e",
    label: "(e) JSON.parse of dump.json (floor)",
    shown: "node test/bench/floors/json-parse.mjs DIR/dump.json",
    nodeArgs: (repo, dir) => floor(repo, "json-parse.mjs", join(dir, "dump.json")),
    okCodes: [0],
    input: "dump",
  },
];

export const COLD: readonly { id: ColdId; label: string; shown: string; nodeArgs(repo: string): string[] }[] =
  [
    {
      id: "f-gwctl",
      label: "(f) gwctl --version",
      shown: "gwctl --version",
      nodeArgs: (repo) => gwctl(repo, "--version"),
    },
    { id: "f-node", label: "(f) bare node (floor)", shown: "node -e 0", nodeArgs: () => ["-e", "0"] },
  ];

export const TARGETS = {
  coldStart: 2,
  growthPerDoubling: 2.2,
  memoryPerInputByte: 4,
} as const;
