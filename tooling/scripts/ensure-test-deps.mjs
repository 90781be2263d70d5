#!/usr/bin/env node
// Run first by `npm test`: the browser tests need Debian's Chromium. Installs it when it is
// missing and we can (root with apt-get), otherwise stops with one line saying what to install.
import { execSync } from "node:child_process";
import { existsSync } from "node:fs";

const CHROMIUM = "/usr/bin/chromium";

function canApt() {
  try {
    return process.getuid?.() === 0 && execSync("command -v apt-get", { stdio: "pipe" }).length > 0;
  } catch {
    return false;
  }
}

if (!existsSync(CHROMIUM)) {
  if (!canApt()) {
    console.error(
      `npm test needs Chromium at ${CHROMIUM} for the browser tests: install it with "sudo apt-get install -y chromium" and run npm test again.`,
    );
    process.exit(1);
  }
  console.log("Installing Debian's chromium for the browser tests (about 20 s)...");
  execSync("apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null", {
    stdio: "inherit",
    shell: "/bin/bash",
  });
  if (!existsSync(CHROMIUM)) {
    console.error(`Installing chromium did not produce ${CHROMIUM}; install it by hand and run npm test again.`);
    process.exit(1);
  }
}
