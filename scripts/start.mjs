#!/usr/bin/env node
// `npm start`: build when needed, then run the standalone production server
// (the one the Docker image runs) on PORT, default 3000. Open it as
// http://localhost:PORT: Auth.js needs the name, not 127.0.0.1.
import { spawn } from "node:child_process";
import { buildIfNeeded, standaloneServer } from "./build-if-needed.mjs";
import { serverEnv } from "./server-env.mjs";

buildIfNeeded();
const child = spawn(process.execPath, [standaloneServer], { stdio: "inherit", env: serverEnv() });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
