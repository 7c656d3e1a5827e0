// Starts `pwc lsp` for .pwf files (docs/editors.md).  The command comes
// from the `pwf.server.command` setting: ["pwc", "lsp"] unless told.
"use strict";

const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const [command, ...args] = vscode.workspace.getConfiguration("pwf").get("server.command", ["pwc", "lsp"]);
  const server = { command, args };
  client = new LanguageClient("pwf", "pwc language server", { run: server, debug: server }, {
    documentSelector: [{ scheme: "file", language: "pwf" }, { scheme: "untitled", language: "pwf" }],
  });
  context.subscriptions.push(client);
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
