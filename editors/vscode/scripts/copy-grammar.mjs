// The grammar lives in grammar/ at the repository root; the extension ships a copy.
import { copyFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
mkdirSync(join(here, "..", "syntaxes"), { recursive: true });
copyFileSync(
  join(here, "..", "..", "..", "grammar", "proftpd.tmLanguage.json"),
  join(here, "..", "syntaxes", "proftpd.tmLanguage.json"),
);
