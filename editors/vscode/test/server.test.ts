import { strict as assert } from "node:assert";
import { test } from "node:test";

import { checkServer, serverCommand, serverSettings } from "../src/server";

void test("server command: setting, else proftpd-lint on PATH", () => {
  assert.equal(serverCommand(null), "proftpd-lint");
  assert.equal(serverCommand("  "), "proftpd-lint");
  assert.equal(serverCommand(" /opt/bin/proftpd-lint "), "/opt/bin/proftpd-lint");
});

void test("a missing server gives a helpful message", () => {
  const message = checkServer("/nonexistent/proftpd-lint");
  assert.ok(message?.includes("proftpd.server.path"), message ?? "");
  assert.equal(checkServer(process.execPath), null);
});

void test("unset profile values are dropped", () => {
  const s = serverSettings({ platform: null, link: "", natIdleTimeout: 350 }, undefined, undefined);
  assert.deepEqual(s, { profile: { natIdleTimeout: 350 }, defines: [], followIncludes: true });
});
