import type { Style } from "../render.js";
import { type CheckRun, formatPercent } from "./run.js";

/**
 * The text of a route check: one line per test (PASS or FAIL, with its line in the test
 * file), each failure under it as router_check_tool prints it, a summary, and the coverage
 * line in the tool's words when asked for.
 */

export interface CheckReport {
  readonly onlyFailures: boolean;
  readonly coverage: boolean;
  readonly comprehensive: boolean;
  readonly detailedCoverage: boolean;
  /** --fail-under, in percent. */
  readonly failUnder?: number;
}

export interface RenderedCheck {
  readonly text: string;
  readonly passed: boolean;
}

export function renderCheck(run: CheckRun, report: CheckReport, file: string, style: Style): RenderedCheck {
  const out: string[] = [];
  for (const r of run.results) {
    if (r.failures.length === 0) {
      if (!report.onlyFailures) out.push(`${style.ok("PASS")}  ${r.name}`);
      continue;
    }
    out.push(`${style.bad("FAIL")}  ${r.name}  ${style.dim(`(${file}:${r.line})`)}`);
    for (const f of r.failures) out.push(`      ${f}`);
  }
  const failed = run.results.filter((r) => r.failures.length > 0).length;
  const total = run.results.length;
  out.push(
    failed === 0
      ? style.ok(`${total} test${total === 1 ? "" : "s"} passed`)
      : style.bad(`${failed} of ${total} test${total === 1 ? "" : "s"} failed`),
  );
  let passed = failed === 0;
  // router_check_tool prints coverage only after a run without failures.
  if (passed && (report.coverage || report.failUnder !== undefined)) {
    const value = report.comprehensive ? run.comprehensiveCoverage : run.coverage;
    if (report.detailedCoverage) out.push(...run.missing);
    out.push(`Current route coverage: ${formatPercent(value)}%`);
    if (report.failUnder !== undefined && value < report.failUnder) {
      out.push(style.bad(`Failed to meet coverage requirement: ${formatPercent(report.failUnder)}%`));
      passed = false;
    }
  }
  return { text: `${out.join("\n")}\n`, passed };
}
