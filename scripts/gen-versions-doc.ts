// Rewrites the generated table of docs/versions.md from src/profiles/profiles.ts.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { withVersionsTable } from "../src/profiles/versions-doc.js";

const root = join(import.meta.dirname, "..");
const docPath = join(root, "docs", "versions.md");
const source = readFileSync(join(root, "src", "profiles", "profiles.ts"), "utf8");
writeFileSync(docPath, withVersionsTable(readFileSync(docPath, "utf8"), source));
