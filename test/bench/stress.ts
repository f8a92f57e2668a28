import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { stringify } from "yaml";
import { benchPki } from "./certs.js";
import { runOnce } from "./measure.js";

/**
 * Shapes of input that the corpus does not have but large meshes do, each generated at size
 * n and 2n and timed (`gwctl proxy-config all -o json`): a growth factor near 2 is linear,
 * near 4 is quadratic. This is how the hazards listed in docs/performance.md were found.
 *
 *   npx tsx test/bench/stress.ts [--n 2000] [--only NAME,NAME] [--out bench-out/stress]
 */

type Obj = Record<string, unknown>;
const REPO = resolve(import.meta.dirname, "..", "..");

const ingress: Obj[] = [
  {
    apiVersion: "v1",
    kind: "Service",
    metadata: {
      name: "istio-ingressgateway",
      namespace: "istio-system",
      labels: { istio: "ingressgateway" },
    },
    spec: {
      selector: { istio: "ingressgateway" },
      ports: [
        { name: "http2", port: 80, targetPort: 8080 },
        { name: "https", port: 443, targetPort: 8443 },
      ],
    },
  },
  {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name: "istio-ingressgateway-1",
      namespace: "istio-system",
      labels: { istio: "ingressgateway" },
    },
    spec: { containers: [{ name: "istio-proxy", image: "docker.io/istio/proxyv2:1.22.3" }] },
    status: { phase: "Running", podIP: "10.0.0.2" },
  },
];

const service = (ns: string, name: string, labels: Obj = { app: name }): Obj => ({
  apiVersion: "v1",
  kind: "Service",
  metadata: { name, namespace: ns },
  spec: { selector: labels, ports: [{ name: "http", port: 80, targetPort: 8080 }] },
});

const vs = (ns: string, name: string, host: string, gateway: string, dest: string): Obj => ({
  apiVersion: "networking.istio.io/v1beta1",
  kind: "VirtualService",
  metadata: { name, namespace: ns },
  spec: { hosts: [host], gateways: [gateway], http: [{ route: [{ destination: { host: dest } }] }] },
});

const gateway = (name: string, servers: Obj[]): Obj => ({
  apiVersion: "networking.istio.io/v1beta1",
  kind: "Gateway",
  metadata: { name, namespace: "istio-system" },
  spec: { selector: { istio: "ingressgateway" }, servers },
});

/** The ingress gateway and one Gateway with a plain HTTP server for every host. */
const httpGatewayOnly = (): Obj[] => [
  ...ingress,
  gateway("gw", [{ port: { number: 80, name: "http", protocol: "HTTP" }, hosts: ["*"] }]),
];

interface Shape {
  readonly name: string;
  readonly what: string;
  objects(n: number): Obj[];
}

const SHAPES: Shape[] = [
  {
    name: "one-namespace",
    what: "n Services, DestinationRules and VirtualServices in a single namespace",
    objects: (n) => {
      const out = httpGatewayOnly();
      for (let i = 0; i < n; i++) {
        out.push(service("big", `svc-${i}`));
        out.push({
          apiVersion: "networking.istio.io/v1beta1",
          kind: "DestinationRule",
          metadata: { name: `svc-${i}`, namespace: "big" },
          spec: { host: `svc-${i}`, subsets: [{ name: "v1", labels: { version: "v1" } }] },
        });
        out.push(vs("big", `vs-${i}`, `h${i}.example.com`, "istio-system/gw", `svc-${i}`));
      }
      return out;
    },
  },
  {
    name: "server-per-host",
    what: "one Gateway with n HTTPS servers, each with its own host and Secret",
    objects: (n) => {
      const pki = benchPki();
      const leaf = pki.leaf("stress", ["*.example.com"]);
      const b64 = (s: string) => Buffer.from(s).toString("base64");
      const servers: Obj[] = [];
      const out: Obj[] = [...ingress, service("apps", "web")];
      for (let i = 0; i < n; i++) {
        servers.push({
          port: { number: 443, name: `https-${i}`, protocol: "HTTPS" },
          hosts: [`h${i}.example.com`],
          tls: { mode: "SIMPLE", credentialName: `cert-${i}` },
        });
        out.push({
          apiVersion: "v1",
          kind: "Secret",
          metadata: { name: `cert-${i}`, namespace: "istio-system" },
          type: "kubernetes.io/tls",
          data: { "tls.crt": b64(leaf.certPem), "tls.key": b64(leaf.keyPem) },
        });
        out.push(vs("apps", `vs-${i}`, `h${i}.example.com`, "istio-system/gw", "web"));
      }
      out.push(gateway("gw", servers));
      return out;
    },
  },
  {
    name: "wildcard-servers",
    what: "one Gateway with n/10 wildcard HTTPS servers and n VirtualServices under them",
    objects: (n) => {
      const servers: Obj[] = [];
      const out: Obj[] = [...ingress, service("apps", "web")];
      const domains = Math.max(1, Math.floor(n / 10));
      for (let d = 0; d < domains; d++) {
        servers.push({
          port: { number: 443, name: `https-${d}`, protocol: "HTTPS" },
          hosts: [`*.d${d}.example.com`],
          tls: { mode: "SIMPLE", credentialName: "shared" },
        });
      }
      for (let i = 0; i < n; i++)
        out.push(vs("apps", `vs-${i}`, `h${i}.d${i % domains}.example.com`, "istio-system/gw", "web"));
      out.push(gateway("gw", servers));
      return out;
    },
  },
  {
    name: "selector-endpoints",
    what: "n Services without EndpointSlices and 3n pods in one namespace",
    objects: (n) => {
      const out = httpGatewayOnly();
      for (let i = 0; i < n; i++) {
        out.push(service("big", `svc-${i}`));
        for (let p = 0; p < 3; p++) {
          out.push({
            apiVersion: "v1",
            kind: "Pod",
            metadata: { name: `svc-${i}-${p}`, namespace: "big", labels: { app: `svc-${i}`, tier: "web" } },
            spec: { containers: [{ name: "app", ports: [{ containerPort: 8080 }] }] },
            status: {
              phase: "Running",
              podIP: `10.${1 + (i >> 14)}.${(i >> 6) & 255}.${((i & 63) << 2) + p}`,
            },
          });
        }
      }
      return out;
    },
  },
  {
    name: "list-warnings",
    what: "one `kind: List` of n VirtualServices, each naming a missing Gateway (n warnings)",
    objects: (n) => {
      const items: Obj[] = [];
      for (let i = 0; i < n; i++)
        items.push(vs("apps", `vs-${i}`, `h${i}.example.com`, "istio-system/nope", "web"));
      return [...ingress, service("apps", "web"), { apiVersion: "v1", kind: "List", items }];
    },
  },
];

async function time(dir: string): Promise<{ ms: number; cpuMs?: number; code: number | null }> {
  const s = await runOnce({
    nodeArgs: [join(REPO, "bin", "gwctl"), "proxy-config", "all", "-o", "json", "-f", dir],
    cwd: REPO,
  });
  return { ms: s.wallMs, ...(s.cpuMs !== undefined && { cpuMs: s.cpuMs }), code: s.code };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const arg = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
  const n = Number(arg("--n") ?? 2000);
  const only = arg("--only")?.split(",");
  const out = resolve(arg("--out") ?? join(REPO, "bench-out", "stress"));
  process.stdout.write(`| shape | n | 2n | growth (CPU) |\n| --- | ---: | ---: | ---: |\n`);
  for (const shape of SHAPES.filter((s) => !only || only.includes(s.name))) {
    const results = [];
    for (const size of [n, 2 * n]) {
      const dir = join(out, `${shape.name}-${size}`);
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      writeFileSync(
        join(dir, "all.yaml"),
        shape
          .objects(size)
          .map((o) => stringify(o))
          .join("---\n"),
      );
      results.push(await time(dir));
    }
    const [a, b] = results as [Awaited<ReturnType<typeof time>>, Awaited<ReturnType<typeof time>>];
    const cpu = a.cpuMs && b.cpuMs ? (b.cpuMs / a.cpuMs).toFixed(2) : "?";
    const fmt = (r: typeof a) => `${(r.ms / 1000).toFixed(2)} s${r.code === 0 ? "" : ` (exit ${r.code})`}`;
    process.stdout.write(`| ${shape.name}: ${shape.what} | ${fmt(a)} | ${fmt(b)} | ${cpu}× |\n`);
  }
}

main().catch((e) => {
  process.stderr.write(`stress: ${(e as Error).message}\n`);
  process.exitCode = 2;
});
