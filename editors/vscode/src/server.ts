// Finding the server binary and building the settings it reads. Kept free of
// the `vscode` module so it can be type-checked and tested on its own.
import { execFileSync } from "node:child_process";

export interface ProfileSettings {
  platform?: string | null;
  proftpdVersion?: string | null;
  link?: string | null;
  natIdleTimeout?: number | null;
}

export interface ServerSettings {
  profile: ProfileSettings;
  defines: string[];
  followIncludes: boolean;
}

/** The executable to run: the setting, else `proftpd-lint` on PATH. */
export function serverCommand(configured: string | null | undefined): string {
  const trimmed = configured?.trim();
  return trimmed ? trimmed : "proftpd-lint";
}

/** Checks the executable with `--version`; returns an error message or null. */
export function checkServer(command: string): string | null {
  try {
    execFileSync(command, ["--version"], { timeout: 10_000, stdio: "pipe" });
    return null;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return `Cannot run the ProFTPD language server \`${command}\` (${reason}). ` +
      "Install proftpd-lint or set proftpd.server.path.";
  }
}

/** Drops unset (null/empty) profile values so the server keeps its defaults. */
export function serverSettings(
  profile: ProfileSettings,
  defines: string[] | undefined,
  followIncludes: boolean | undefined,
): ServerSettings {
  const clean: ProfileSettings = {};
  for (const [key, value] of Object.entries(profile)) {
    if (value !== null && value !== undefined && value !== "") {
      (clean as Record<string, unknown>)[key] = value;
    }
  }
  return { profile: clean, defines: defines ?? [], followIncludes: followIncludes ?? true };
}
