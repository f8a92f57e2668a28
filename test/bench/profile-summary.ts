import { readFileSync } from "node:fs";
import { relative } from "node:path";

/**
 * Summarise a V8 CPU profile (`node --cpu-prof`): the functions with the most self time, and
 * the most inclusive time, with their source locations. Used to find the hot paths recorded
 * in docs/performance.md.
 *
 *   npx tsx test/bench/profile-summary.ts PROFILE.cpuprofile [--top 25] [--filter src/]
 */

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface Hot {
  readonly name: string;
  readonly selfMs: number;
  readonly totalMs: number;
}

function label(cf: CallFrame, root: string): string {
  const url = cf.url.replace(/^file:\/\//, "");
  const where = url ? `${url.startsWith("/") ? relative(root, url) : url}:${cf.lineNumber + 1}` : "(native)";
  return `${cf.functionName || "(anonymous)"} ${where}`;
}

export function summarise(profile: Profile, root: string): { totalMs: number; hot: Hot[] } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  let totalMs = 0;
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    totalMs += ms;
    const node = byId.get(id);
    if (!node) return;
    const own = label(node.callFrame, root);
    self.set(own, (self.get(own) ?? 0) + ms);
    // Inclusive time: once per distinct function on the stack (recursion counted once).
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const l = label((byId.get(cur) as ProfileNode).callFrame, root);
      if (seen.has(l)) continue;
      seen.add(l);
      total.set(l, (total.get(l) ?? 0) + ms);
    }
  });
  const hot = [...total.keys()].map((name) => ({
    name,
    selfMs: self.get(name) ?? 0,
    totalMs: total.get(name) ?? 0,
  }));
  return { totalMs, hot };
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const args = process.argv.slice(2);
  const file = args[0];
  if (!file) {
    process.stderr.write("usage: profile-summary.ts PROFILE.cpuprofile [--top N] [--filter TEXT]\n");
    process.exit(2);
  }
  const top = Number(args[args.indexOf("--top") + 1] || 25) || 25;
  const filter = args.includes("--filter") ? args[args.indexOf("--filter") + 1] : undefined;
  const { totalMs, hot } = summarise(JSON.parse(readFileSync(file, "utf8")) as Profile, process.cwd());
  const pick = (h: Hot[]) => h.filter((x) => !filter || x.name.includes(filter)).slice(0, top);
  const fmt = (h: Hot) =>
    `${h.selfMs.toFixed(0).padStart(8)} ${h.totalMs.toFixed(0).padStart(8)} ${((100 * h.totalMs) / totalMs).toFixed(1).padStart(5)}%  ${h.name}`;
  process.stdout.write(
    `profile: ${totalMs.toFixed(0)} ms sampled\n\n    self    total  total%  by self time\n`,
  );
  for (const h of pick([...hot].sort((a, b) => b.selfMs - a.selfMs))) process.stdout.write(`${fmt(h)}\n`);
  process.stdout.write("\n    self    total  total%  by inclusive time\n");
  for (const h of pick([...hot].sort((a, b) => b.totalMs - a.totalMs))) process.stdout.write(`${fmt(h)}\n`);
}
