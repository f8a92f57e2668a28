import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** How the fake admin API behaves: serve real dumps, or misbehave in one way. */
export type Behaviour =
  | { kind: "serve"; routes: Record<string, string> }
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
