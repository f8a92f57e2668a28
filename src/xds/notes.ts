/** Something istiod would log while building this proxy's config (a rejected server, …). */
export interface TranslateNote {
  readonly level: "warning" | "info";
  readonly message: string;
}
