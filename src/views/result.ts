/** What a view returns: its text, or istioctl's error message (and what it printed before). */
export type ViewResult =
  | { readonly ok: true; readonly text: string }
  | {
      readonly ok: false;
      readonly message: string;
      /** Output istioctl had already written to stdout when it failed (pc all), if any. */
      readonly text?: string;
    };

export function ok(text: string): ViewResult {
  return { ok: true, text };
}

export function fail(message: string, text?: string): ViewResult {
  return text === undefined ? { ok: false, message } : { ok: false, message, text };
}
