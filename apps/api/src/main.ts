/** `npm start`: one Node process serving the dashboard and the API on one port. */
import { readEnv } from "./env.ts";
import { createConvene, listen } from "./server.ts";
import { linkFor, setupLinkToken } from "./services/accounts.ts";

const env = readEnv();
const publicUrl = env.PUBLIC_URL ?? `http://localhost:${env.PORT}`;
const convene = await createConvene({
  databasePath: env.DATABASE_PATH,
  publicUrl,
  webDist: env.WEB_DIST,
  extraOrigins: env.NODE_ENV === "development" ? ["http://localhost:5173", "http://127.0.0.1:5173"] : [],
});
const server = await listen(convene.app, env.PORT, env.HOST);

console.log(`Convene is running at ${publicUrl}`);
console.log(`  database: ${env.DATABASE_PATH}`);
if (convene.seeded)
  console.log(
    `  loaded the group's public record: ${convene.seeded.organisationsAdded} organisations, ${convene.seeded.themesAdded} themes`,
  );
if (!convene.servesDashboard) console.log("  the dashboard is not built (run `npm run build`); serving the API only");
const token = await setupLinkToken(convene.db);
if (token) {
  console.log("\nNo convenor account exists yet. Open this one-time link to create it (valid for 7 days):");
  console.log(`  ${linkFor(publicUrl, "setup", token)}\n`);
}

const stop = async () => {
  await server.close();
  await convene.close();
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
