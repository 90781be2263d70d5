#!/usr/bin/env node
// Run first by `npm run test:postgres`: with no DATABASE_URL, the tests make a throwaway cluster
// with Debian's PostgreSQL programs. Installs `postgresql` when they are missing and we can (root
// with apt-get), otherwise stops with one line saying what to install.
import { execSync } from "node:child_process";
import { existsSync } from "node:fs";

function bindir() {
  try {
    const dir = execSync("pg_config --bindir", { stdio: "pipe", encoding: "utf8" }).trim();
    return existsSync(`${dir}/initdb`) ? dir : undefined;
  } catch {
    return undefined;
  }
}

function canApt() {
  try {
    return process.getuid?.() === 0 && execSync("command -v apt-get", { stdio: "pipe" }).length > 0;
  } catch {
    return false;
  }
}

if (!process.env.DATABASE_URL && !bindir()) {
  if (!canApt()) {
    console.error(
      'npm run test:postgres needs PostgreSQL: install it with "sudo apt-get install -y postgresql", or set DATABASE_URL to a server where the user may create databases.',
    );
    process.exit(1);
  }
  console.error("Installing PostgreSQL for the tests (apt-get install postgresql)…");
  execSync("apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null", { stdio: "inherit" });
}
