// Floor (a): read every .yaml/.yml file under a folder (recursively, in name order, as gwctl
// walks a folder) and parse it with the yaml package alone, the cheapest way it offers for a
// multi-document stream: Parser + Composer, one document at a time, toJS for each. (The
// convenience parseAllDocuments holds every document of a file at once and counts lines for
// pretty errors: 20-50% slower, so it would flatter gwctl as a floor.) Nothing of gwctl's.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Composer, Parser } from "yaml";

function walk(dir, out) {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  );
  for (const e of entries) {
    if (e.name.startsWith(".")) continue;
    const full = join(dir, e.name);
    if (e.isDirectory()) walk(full, out);
    else if (/\.ya?ml$/i.test(e.name)) out.push(full);
  }
  return out;
}

let documents = 0;
for (const file of walk(process.argv[2], [])) {
  for (const doc of new Composer().compose(new Parser().parse(readFileSync(file, "utf8")))) {
    if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors[0].message}`);
    doc.toJS();
    documents++;
  }
}
process.stdout.write(`${documents}\n`);
