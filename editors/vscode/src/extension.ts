import * as vscode from "vscode";
import {
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
} from "vscode-languageclient/node";

import { checkServer, serverCommand, serverSettings } from "./server";

let client: LanguageClient | undefined;

function currentSettings() {
  const config = vscode.workspace.getConfiguration("proftpd");
  return serverSettings(
    config.get("profile") ?? {},
    config.get<string[]>("defines"),
    config.get<boolean>("followIncludes"),
  );
}

async function start(context: vscode.ExtensionContext): Promise<void> {
  const config = vscode.workspace.getConfiguration("proftpd");
  const command = serverCommand(config.get<string | null>("server.path"));
  const problem = checkServer(command);
  if (problem) {
    void vscode.window.showErrorMessage(problem);
    return;
  }
  const args = ["server", ...(config.get<string[]>("server.extraArgs") ?? [])];
  const serverOptions: ServerOptions = {
    // No `transport`: the client would append `--stdio`; stdio is the default.
    run: { command, args },
    debug: { command, args },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: "proftpd" }],
    initializationOptions: currentSettings(),
    synchronize: { configurationSection: "proftpd" },
  };
  client = new LanguageClient("proftpd", "ProFTPD language server", serverOptions, clientOptions);
  context.subscriptions.push(client);
  await client.start();
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  context.subscriptions.push(
    vscode.commands.registerCommand("proftpd.restartServer", async () => {
      await client?.stop();
      client = undefined;
      await start(context);
    }),
  );
  await start(context);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
