// Preloaded (node --import) when /usr/bin/time is missing: writes the process's peak RSS in
// KiB and its user and system CPU seconds (GNU time's "%M %U %S") to the file named by
// GWCTL_BENCH_RSS_FILE when the process exits.
import { writeFileSync } from "node:fs";

const file = process.env.GWCTL_BENCH_RSS_FILE;
if (file) {
  process.on("exit", () => {
    const u = process.resourceUsage();
    writeFileSync(file, `${u.maxRSS} ${u.userCPUTime / 1e6} ${u.systemCPUTime / 1e6}\n`);
  });
}
