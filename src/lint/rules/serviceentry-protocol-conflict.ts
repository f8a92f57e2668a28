import type { IstioObject } from "../context.js";
import { fullName, stringList } from "../rule-helpers.js";
import type { Rule } from "../types.js";
import { arr, num, rec, str } from "../validation/common.js";

export const rule: Rule = {
  meta: {
    id: "serviceentry-protocol-conflict",
    code: "IST0177",
    name: "ConflictingServiceEntryProtocol",
    severity: "Warning",
    template:
      "Multiple ServiceEntries (%s) define the same host %q and port %d with conflicting protocols (%s).",
    description: "ServiceEntries visible to the same namespaces give one host and port different protocols.",
    docs: `istiod builds one cluster per host and port; when ServiceEntries disagree on its protocol, which
one wins is undefined. Compare \`exportTo\` scopes and make the protocols agree.`,
    kinds: ["ServiceEntry"],
    analyzers: ["serviceentry.ConflictingServiceEntryProtocolAnalyzer"],
    offlineInIstioctl: true,
  },
  check(ctx) {
    const index = new Map<string, { protocol: string; se: IstioObject }[]>();
    for (const se of ctx.index.resources("ServiceEntry")) {
      const exportTo = stringList(se.spec.exportTo);
      const scopes =
        exportTo.length === 0 || exportTo.includes("*")
          ? ["*"]
          : [...new Set(exportTo.map((e) => (e === "." ? se.namespace : e)))];
      for (const scope of scopes)
        for (const h of stringList(se.spec.hosts))
          for (const p of arr(se.spec.ports)) {
            const key = `${scope}\u0000${h}\u0000${num(rec(p)?.number)}`;
            const entry = { protocol: str(rec(p)?.protocol), se };
            const list = index.get(key);
            if (list) list.push(entry);
            else index.set(key, [entry]);
          }
    }
    const reported = new Set<IstioObject>();
    for (const [key, own] of index) {
      const [scope, host, port] = key.split("\u0000") as [string, string, string];
      const entries = scope === "*" ? own : [...own, ...(index.get(`*\u0000${host}\u0000${port}`) ?? [])];
      const protocols = [...new Set(entries.map((e) => e.protocol.toUpperCase()))].sort();
      if (protocols.length < 2) continue;
      const names = [...new Set(entries.map((e) => fullName(e.se)))].sort().join(", ");
      for (const e of entries) {
        if (reported.has(e.se)) continue;
        reported.add(e.se);
        ctx.report(e.se.object, ["metadata", "name"], names, host, Number(port), protocols.join(", "));
      }
    }
  },
};
