import { type JsonObject, objectAt, stringAt } from "./types.js";

/**
 * envoy.config.core.v3.Address: one of socket_address, pipe or envoy_internal_address.
 * Accessors return what Go's getters would for an absent part (nil, "" or 0).
 */

export function socketAddress(address: JsonObject | undefined): JsonObject | undefined {
  return address && objectAt(address, "socket_address");
}

/** socket_address.port_value, 0 when absent (a pipe, an internal address). */
export function socketPort(address: JsonObject | undefined): number {
  const port = socketAddress(address)?.port_value;
  return typeof port === "number" ? port : 0;
}

export function pipePath(address: JsonObject | undefined): string | undefined {
  const pipe = address && objectAt(address, "pipe");
  return pipe ? (stringAt(pipe, "path") ?? "") : undefined;
}

/** `envoy://<server_listener_name>/<endpoint_id>` for an internal address, as istioctl names it. */
export function internalAddressName(address: JsonObject | undefined): string | undefined {
  const internal = address && objectAt(address, "envoy_internal_address");
  const listener = stringAt(internal, "server_listener_name");
  return internal && listener !== undefined
    ? `envoy://${listener}/${stringAt(internal, "endpoint_id") ?? ""}`
    : undefined;
}
