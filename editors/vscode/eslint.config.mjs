// Lint rules for the extension: ESLint's recommended set plus typescript-eslint's
// type-aware recommended rules (the extension runs user-configured binaries, so
// floating promises and unsafe `any` are worth catching).
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["out/**", "node_modules/**", "scripts/**", "syntaxes/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
  },
);
