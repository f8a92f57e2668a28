import type { Io } from "../io.js";

export async function runProxyConfig(
  io: Io,
  view: string,
  workload: string | undefined,
  options: Record<string, unknown>,
  globals: Record<string, unknown>,
): Promise<number> {
  void io;
  void view;
  void workload;
  void options;
  void globals;
  return 0;
}
