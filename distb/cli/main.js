import {
  parseByteSize,
  parsePort,
  parsePositiveInt
} from "./chunk-NL2C5GWG.js";

// src/cli/main.ts
import { readFileSync } from "node:fs";
import { Command, Option } from "commander";

// src/cli/admin-client.ts
async function callAdmin(target, method, path, body) {
  const url = `http://${target.host}:${target.port}/__motia/${path}`;
  const headers = {};
  if (body !== void 0) headers["content-type"] = "application/json";
  if (target.token) headers.authorization = `Bearer ${target.token}`;
  let response;
  try {
    response = await fetch(url, { method, headers, body: body === void 0 ? void 0 : JSON.stringify(body) });
  } catch (error) {
    throw new Error(`No app answers at ${url}: start it with \`motia dev\` (or pass --port). (${error.cause ?? error.message})`);
  }
  const text = await response.text();
  const parsed = text ? JSON.parse(text) : void 0;
  if (response.status === 401) {
    throw new Error(
      "The app refused the admin token: set MOTIA_ADMIN_TOKEN to the token the app was started with (`motia dev` on a non-loopback host prints the one it generated)."
    );
  }
  if (response.status === 404 && path !== "" && !(parsed && typeof parsed === "object" && "id" in parsed)) {
    const message = parsed?.error;
    throw new Error(message && message !== "Not Found" ? message : `Not found: ${url}. Admin endpoints are open in \`motia dev\`, or in \`motia run\` with MOTIA_ADMIN_TOKEN set.`);
  }
  if (!response.ok) {
    const { error, message } = parsed ?? {};
    throw new Error(message ?? error ?? `HTTP ${response.status}`);
  }
  return parsed;
}

// src/cli/main.ts
var pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));
function serveCommand(name, description) {
  return new Command(name).description(description).option("-P, --project <dir>", "project root", process.cwd()).option("-p, --port <port>", "port to listen on (default: PORT or 3000)", parsePort).option("-H, --host <host>", `host to bind (default: ${name === "dev" ? "127.0.0.1" : "0.0.0.0"})`).option("--memory", "keep the queue and state in memory instead of .motia/ (nothing survives a restart)").option("--strict", "answer 500 when a response does not match its responseSchema; refuse schemas that are neither zod nor JSON Schema").option("--body-limit <size>", "largest request body, e.g. 1mb (default 1mb)", parseByteSize).option("--python-workers <n>", "Python runner processes (default: MOTIA_PYTHON_WORKERS or from the machine)", parsePositiveInt).action(async (flags) => (await import("./serve.js")).serve(name, flags));
}
function adminTarget(flags) {
  return { host: flags.host, port: flags.port, token: process.env.MOTIA_ADMIN_TOKEN || void 0 };
}
function adminOptions(command) {
  return command.addOption(new Option("-p, --port <port>", "port of the running app").default(Number(process.env.PORT ?? 3e3)).argParser(parsePort)).option("-H, --host <host>", "host of the running app", "127.0.0.1");
}
function print(value) {
  process.stdout.write(`${JSON.stringify(value, null, 2)}
`);
}
function buildProgram() {
  const program = new Command("motia").description("Run an application of TypeScript, JavaScript and Python steps.").version(pkg.version, "-v, --version");
  program.addCommand(serveCommand("run", "start the app (binds 0.0.0.0; admin endpoints only with MOTIA_ADMIN_TOKEN)").alias("start"));
  program.addCommand(serveCommand("dev", "start the app for development (binds 127.0.0.1; admin endpoints open to local tools, or with a printed token on another --host)"));
  program.addCommand(
    adminOptions(new Command("emit")).description("emit an event into a running app").requiredOption("--topic <topic>", "topic to emit to").requiredOption("--message <json>", "event data as JSON").action(async (flags) => {
      let data;
      try {
        data = JSON.parse(flags.message);
      } catch (error) {
        throw new Error(`--message must be JSON: ${error.message}`);
      }
      print(await callAdmin(adminTarget(flags), "POST", "emit", { topic: flags.topic, data }));
    })
  );
  const dlq = new Command("dlq").description("inspect and replay dead letters of a running app");
  dlq.addCommand(
    adminOptions(new Command("list")).description("list dead letters").action(async (flags) => {
      print(await callAdmin(adminTarget(flags), "GET", "dlq"));
    })
  );
  dlq.addCommand(
    adminOptions(new Command("replay")).description("put a dead letter (or all of them) back on the queue").argument("[id]", "dead letter id").option("--all", "replay every dead letter").action(async (id, flags) => {
      if (!id && !flags.all) throw new Error("Give a dead letter id, or --all.");
      const target = adminTarget(flags);
      print(flags.all ? await callAdmin(target, "POST", "dlq/replay-all") : await callAdmin(target, "POST", `dlq/${encodeURIComponent(id)}/replay`));
    })
  );
  dlq.addCommand(
    adminOptions(new Command("discard")).description("delete a dead letter").argument("<id>", "dead letter id").action(async (id, flags) => {
      print(await callAdmin(adminTarget(flags), "DELETE", `dlq/${encodeURIComponent(id)}`));
    })
  );
  program.addCommand(dlq);
  program.addCommand(
    new Command("install").description("with Python steps: create .venv with the motia Python package, msgpack and requirements.txt; add .venv and .motia to .gitignore").option("-P, --project <dir>", "project root", process.cwd()).action(async (flags) => {
      const { installProject } = await import("./install-MSOBKS4C.js");
      const { resolve } = await import("node:path");
      await installProject(resolve(flags.project), { log: (line) => process.stdout.write(`${line}
`) });
    })
  );
  return program;
}
async function main(argv) {
  try {
    await buildProgram().parseAsync(argv);
  } catch (error) {
    process.stderr.write(`motia: ${error instanceof Error ? error.message : String(error)}
`);
    process.exit(1);
  }
}
export {
  buildProgram,
  main
};
