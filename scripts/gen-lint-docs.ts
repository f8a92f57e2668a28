// Writes docs/lint-rules.md from the rule metadata: npm run docs:lint
import { writeFileSync } from "node:fs";
import { renderRulesMarkdown } from "../src/lint/docs.js";
import { RULES } from "../src/lint/registry.js";

writeFileSync(new URL("../docs/lint-rules.md", import.meta.url), renderRulesMarkdown(RULES));
console.log(`docs/lint-rules.md: ${RULES.length} rules`);
