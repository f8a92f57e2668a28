import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { PROTO_MESSAGES } from "../../src/envoy/proto-schema.js";

/** How the fake admin API behaves: serve real dumps, or misbehave in one way. */
export type Behaviour =
  | { kind: "serve"; routes: Record<string, string> }
  /** Answer config_dump (mask, include_eds) and server_info from one dump as Envoy would. */
  | { kind: "envoy"; dump: string }
  | { kind: "hang" }
  | { kind: "status"; code: number; body: string }
  | { kind: "html" }
  | { kind: "truncate"; body: string }
  | { kind: "huge"; bytes: number }
  | { kind: "redirect"; location: string };

export interface AdminServer {
  readonly url: string;
  /** Paths (with query) requested so far. */
  readonly requests: string[];
  close(): Promise<void>;
}

/** Start a local HTTP server on 127.0.0.1 with the given behaviour. */
export async function startAdminServer(b: Behaviour): Promise<AdminServer> {
  const requests: string[] = [];
  const hanging: ServerResponse[] = [];
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    requests.push(req.url ?? "");
    switch (b.kind) {
      case "serve": {
        const path = (req.url ?? "/").replace(/^\//, "").split("?")[0] ?? "";
        const body = b.routes[path];
        if (body === undefined) {
          res.writeHead(404, { "content-type": "text/plain" }).end("not found\n");
          return;
        }
        res.writeHead(200, { "content-type": "application/json" }).end(body);
        return;
      }
      case "envoy": {
        const answer = envoyAnswer(JSON.parse(b.dump) as Dump, req.url ?? "/");
        res.writeHead(answer.code, { "content-type": "application/json" }).end(answer.body);
        return;
      }
      case "hang":
        hanging.push(res);
        return;
      case "status":
        res.writeHead(b.code, { "content-type": "text/plain" }).end(b.body);
        return;
      case "html":
        res
          .writeHead(200, { "content-type": "text/html" })
          .end("<!doctype html><html><body>Welcome to nginx!</body></html>\n");
        return;
      case "truncate": {
        const half = b.body.slice(0, Math.floor(b.body.length / 2));
        res.writeHead(200, {
          "content-type": "application/json",
          "content-length": String(Buffer.byteLength(b.body)),
        });
        res.write(half, () => res.destroy());
        return;
      }
      case "huge": {
        res.writeHead(200, { "content-type": "application/json" });
        const chunk = Buffer.alloc(1024 * 1024, 0x20);
        let sent = 0;
        const pump = (): void => {
          while (sent < b.bytes) {
            sent += chunk.length;
            if (!res.write(chunk)) {
              res.once("drain", pump);
              return;
            }
          }
          res.end();
        };
        res.on("error", () => undefined);
        pump();
        return;
      }
      case "redirect":
        res.writeHead(302, { location: b.location }).end();
        return;
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const r of hanging) r.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A URL on 127.0.0.1 where nothing listens (a port that was just released). */
export async function refusedUrl(): Promise<string> {
  const s = await startAdminServer({ kind: "hang" });
  await s.close();
  return s.url;
}

type Dump = { configs: Record<string, unknown>[] };

/**
 * The top-level fields of an envoy.admin.v3 *ConfigDump message, from gwctl's proto schema
 * (envoy/admin/v3/config_dump*.proto): a mask path that is not one of them makes Envoy leave
 * that config out.
 */
function dumpFields(type: string): readonly string[] {
  const spec = PROTO_MESSAGES[`envoy.admin.v3.${type}`] ?? "";
  return spec.split(";").map((f) => f.split(" ")[0] ?? "");
}

const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const typeName = (c: Record<string, unknown>) => String(c["@type"]).split(".").pop() ?? "";

/**
 * Envoy's admin/config_dump_handler.cc, for top-level masks: a config is kept, trimmed to the
 * mask, only when every path is one of its fields; no config left is 400. Endpoints only with
 * include_eds. server_info carries the bootstrap's node.
 */
function envoyAnswer(dump: Dump, url: string): { code: number; body: string } {
  const u = new URL(url, "http://admin");
  if (u.pathname === "/server_info") {
    const boot = dump.configs.find((c) => typeName(c) === "BootstrapConfigDump")?.bootstrap as
      | Record<string, unknown>
      | undefined;
    return { code: 200, body: JSON.stringify({ version: "envoy", state: "LIVE", node: boot?.node ?? {} }) };
  }
  if (u.pathname !== "/config_dump") return { code: 404, body: "{}" };
  const mask = u.searchParams.get("mask")?.split(",");
  const eds = u.searchParams.has("include_eds");
  const configs: Record<string, unknown>[] = [];
  for (const c of dump.configs) {
    const type = typeName(c);
    if (type === "EndpointsConfigDump" && !eds) continue;
    if (!mask) {
      configs.push(c);
      continue;
    }
    const fields = dumpFields(type);
    if (!mask.every((p) => fields.includes(p))) continue;
    configs.push(
      Object.fromEntries(Object.entries(c).filter(([k]) => k === "@type" || mask.includes(snake(k)))),
    );
  }
  if (mask && configs.length === 0)
    return {
      code: 400,
      body: `FieldMask ${mask.join(",")} could not be successfully applied to any configs.`,
    };
  return { code: 200, body: JSON.stringify({ configs }) };
}
