import { newestLine, profileFor, supportedLines, type VersionProfile } from "../profiles/profiles.js";
import { CliError } from "./exit.js";

/**
 * The profile for --istio-version: a release line (1.17 … newest, patch versions accepted),
 * the newest line by default, or "auto" (the version the source reports, else the newest).
 */
export function chooseProfile(
  requested: string | undefined,
  detected: string | undefined,
): { profile: VersionProfile; note?: string } {
  if (requested === undefined || requested === "")
    return { profile: profileFor(newestLine()) as VersionProfile };
  if (requested === "auto") {
    const p = detected ? profileFor(detected) : undefined;
    if (p)
      return {
        profile: p,
        note: `Istio version ${detected} (from the source): output in the ${p.line} layout`,
      };
    const newest = profileFor(newestLine()) as VersionProfile;
    return {
      profile: newest,
      note: detected
        ? `Istio version ${detected} is outside ${supportedLines()[0]}–${newestLine()}; using ${newest.line}`
        : `the source does not say its Istio version; using ${newest.line}`,
    };
  }
  const p = profileFor(requested);
  if (!p) {
    throw new CliError(
      `--istio-version "${requested}" is not supported: use ${supportedLines()[0]} … ${newestLine()}, or auto`,
    );
  }
  return { profile: p };
}
