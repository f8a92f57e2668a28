// Floor (e): read a config dump and JSON.parse it, nothing else.
import { readFileSync } from "node:fs";

const dump = JSON.parse(readFileSync(process.argv[2], "utf8"));
process.stdout.write(`${dump.configs.length}\n`);
