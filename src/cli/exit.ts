/** Exit codes, as documented in docs/exit-codes.md. */
export const EXIT_OK = 0;
/** Findings: lint errors at the threshold, diff drift, failed route checks or requests. */
export const EXIT_FINDINGS = 1;
/** Usage errors and unusable input. */
export const EXIT_USAGE = 2;

/**
 * An error a user can act on. Thrown only inside the CLI layer and printed as one line
 * (never with a stack trace).
 */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT_USAGE,
  ) {
    super(message);
    this.name = "CliError";
  }
}

/**
 * Recognises a CliError even when it comes from another instance of this module (a test
 * runner or a bundler can load a file twice under different URLs).
 */
export function isCliError(e: unknown): e is CliError {
  return (
    e instanceof CliError ||
    (e instanceof Error &&
      e.name === "CliError" &&
      typeof (e as { exitCode?: unknown }).exitCode === "number")
  );
}
