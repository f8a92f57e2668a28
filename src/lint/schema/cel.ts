import { parseGoDuration } from "../../mesh/durations.js";

/**
 * The CEL rules (`x-kubernetes-validations`) of Istio's CRDs, ported by hand. gwctl has no
 * CEL interpreter: each rule is recognised by its exact text and evaluated by the function
 * here. A rule whose text is not in this table is reported as not evaluated (docs/lint.md
 * lists the rules of the embedded schemas and which of them are ported).
 */
export interface CelRule {
  readonly rule: string;
  readonly message?: string;
}

type Rec = Readonly<Record<string, unknown>>;

const has = (self: unknown, field: string): boolean =>
  typeof self === "object" &&
  self !== null &&
  (self as Rec)[field] !== undefined &&
  (self as Rec)[field] !== null;
const count = (self: unknown, ...fields: string[]): number => fields.filter((f) => has(self, f)).length;
const keys = (self: unknown): string[] =>
  typeof self === "object" && self !== null ? Object.keys(self as Rec) : [];
const str = (v: unknown): string => (typeof v === "string" ? v : "");

/** CEL's duration(): Go duration syntax; a string that does not parse is an evaluation error. */
function atLeastOneMs(self: unknown): boolean {
  if (typeof self !== "string") return false;
  const ns = parseGoDuration(self.startsWith("+") ? self.slice(1) : self);
  return ns !== undefined && ns >= 1e6;
}

const PORT_NAME = /^[a-zA-Z0-9](?:[-a-zA-Z0-9]*[a-zA-Z0-9])?$/;

export const PORTED_CEL_RULES: Readonly<Record<string, (self: unknown) => boolean>> = {
  "(has(self.tlsCertificates) ? 1 : 0) + (has(self.credentialNames) ? 1 : 0) <= 1": (self) =>
    count(self, "tlsCertificates", "credentialNames") <= 1,
  "(has(self.credentialName) ? 1 : 0) + (has(self.credentialNames) ? 1 : 0) <= 1": (self) =>
    count(self, "credentialName", "credentialNames") <= 1,
  "(has(self.credentialNames) ? 1 : 0) + (has(self.tlsCertificates) ? 1 : 0) <= 1": (self) =>
    count(self, "credentialNames", "tlsCertificates") <= 1,
  "duration(self) >= duration('1ms')": atLeastOneMs,
  'self.all(key, !key.contains("*"))': (self) => keys(self).every((k) => !k.includes("*")),
  "self.all(key, key.size() != 0)": (self) => keys(self).every((k) => k.length !== 0),
  '!self.contains("*")': (self) => !str(self).includes("*"),
  "(has(self.workloadSelector) ? 1 : 0) + (has(self.endpoints) ? 1 : 0) <= 1": (self) =>
    count(self, "workloadSelector", "endpoints") <= 1,
  '!((has(self.addresses) ? self.addresses : []).exists(k, k.contains("/")) && !((has(self.resolution) ? self.resolution : "NONE") in ["STATIC", "NONE"]))':
    (self) => {
      const s = self as Rec;
      const addrs = Array.isArray(s.addresses) ? s.addresses : [];
      const resolution = has(self, "resolution") ? str(s.resolution) : "NONE";
      return !(addrs.some((a) => str(a).includes("/")) && !["STATIC", "NONE"].includes(resolution));
    },
  '((has(self.resolution) ? self.resolution : "NONE") == "NONE") ? !has(self.endpoints) : true': (self) =>
    (has(self, "resolution") ? str((self as Rec).resolution) : "NONE") === "NONE"
      ? !has(self, "endpoints")
      : true,
  '((has(self.resolution) ? self.resolution : "") == "DNS_ROUND_ROBIN") ? ((has(self.endpoints) ? self.endpoints : []).size() <= 1) : true':
    (self) => {
      const s = self as Rec;
      if ((has(self, "resolution") ? str(s.resolution) : "") !== "DNS_ROUND_ROBIN") return true;
      return (Array.isArray(s.endpoints) ? s.endpoints.length : 0) <= 1;
    },
  "has(self.address) || has(self.network)": (self) => has(self, "address") || has(self, "network"),
  '(has(self.address) ? self.address : "").startsWith("unix://") ? !has(self.ports) : true': (self) =>
    str((self as Rec).address).startsWith("unix://") ? !has(self, "ports") : true,
  'self.startsWith("unix://") ? (self.substring(7, 8) == "/" || self.substring(7, 8) == "@") : true': (
    self,
  ) => {
    const s = str(self);
    if (!s.startsWith("unix://")) return true;
    // substring(7, 8) of a string shorter than 8 is a CEL evaluation error: the rule fails.
    return s.length >= 8 && (s[7] === "/" || s[7] === "@");
  },
  'self.startsWith("unix://") ? !self.endsWith("/") : true': (self) =>
    str(self).startsWith("unix://") ? !str(self).endsWith("/") : true,
  'self.all(key, size(key) < 63 && key.matches("^[a-zA-Z0-9](?:[-a-zA-Z0-9]*[a-zA-Z0-9])?$"))': (self) =>
    keys(self).every((k) => k.length < 63 && PORT_NAME.test(k)),
  "0 < self && self <= 65535": (self) => typeof self === "number" && self > 0 && self <= 65535,
  'self != "*"': (self) => self !== "*",
  "self.all(l1, self.exists_one(l2, l1.number == l2.number))": (self) => {
    if (!Array.isArray(self)) return true;
    const seen = new Map<unknown, number>();
    for (const item of self) {
      const n = (item as Rec | null)?.number;
      seen.set(n, (seen.get(n) ?? 0) + 1);
    }
    return [...seen.values()].every((c) => c === 1);
  },
};

/** true/false when the rule is ported; undefined when gwctl cannot evaluate it. */
export function evaluateCel(rule: string, self: unknown): boolean | undefined {
  const f = PORTED_CEL_RULES[rule];
  return f ? f(self) : undefined;
}
