import { createLocator } from "../manifests/positions.js";
import type { Mesh } from "../mesh/model.js";
import { MESH_GATEWAY, resolveGatewayName } from "../xds/virtual-services.js";

export interface DanglingReference {
  readonly file: string;
  readonly line: number;
  readonly message: string;
}

/**
 * VirtualService gateway references that name no Gateway in the input. istiod accepts them
 * (the VirtualService binds nothing there); proxy-config warns so that a typo is not silent.
 * `gwctl lint` reports the same as IST0101.
 */
export function danglingGatewayReferences(mesh: Mesh): DanglingReference[] {
  const known = new Set(mesh.gateways.map((g) => `${g.meta.namespace}/${g.meta.name}`));
  const out: DanglingReference[] = [];
  const locator = createLocator();
  for (const vs of mesh.virtualServices) {
    (vs.spec.gateways ?? []).forEach((ref, i) => {
      if (ref === MESH_GATEWAY) return;
      const resolved = resolveGatewayName(ref, vs.meta.namespace);
      if (known.has(resolved)) return;
      const pos = vs.meta.source ? locator.locate(vs.meta.source, ["spec", "gateways", i]) : undefined;
      out.push({
        file: pos?.file ?? "",
        line: pos?.line ?? 0,
        message: `VirtualService ${vs.meta.namespace}/${vs.meta.name}: spec.gateways[${i}]: gateway "${ref}" (${resolved}) is not in the manifests; the VirtualService binds nothing there`,
      });
    });
  }
  return out;
}
