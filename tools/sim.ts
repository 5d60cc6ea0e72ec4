/**
 * `npm run sim -- <pulumi arguments>`: the real Pulumi CLI against a simulated AWS, with no cloud account and no
 * Pulumi Cloud login. Everything it keeps is in one directory (`.sim/`, or $EC2_SERVER_SIM_DIR): a local file
 * backend, PULUMI_HOME, and the simulated accounts. The stack named by `--stack` is created on first use from its
 * committed Pulumi.<stack>.yaml, which is left byte for byte as it was.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { findPulumi, REPO_ROOT, simEnv, stackExists, stackFromArgs } from "../offline";
import { isMain } from "./lib/cli";

export const USAGE = "usage: npm run sim -- <pulumi arguments>   (e.g. up --stack dev --yes; preview --stack dev --policy-pack policy --expect-no-changes)";

/** The committed stack files, as bytes. */
function stackFiles(): Map<string, Buffer> {
    const files = new Map<string, Buffer>();
    for (const name of fs.readdirSync(REPO_ROOT)) {
        if (/^Pulumi\.[^.]+\.yaml$/.test(name)) {
            files.set(name, fs.readFileSync(path.join(REPO_ROOT, name)));
        }
    }
    return files;
}

/**
 * Puts the stack files back as they were. With a passphrase secrets provider the CLI writes the provider's salt
 * into Pulumi.<stack>.yaml (and re-serialises the file: `true` becomes "true") at `stack init` and at the first
 * `up`; the backend keeps the salt in the stack's state too, so the committed file needs none of it. A `config`
 * command changes the file on purpose: only a salt line it added is taken out again.
 */
function restoreStackFiles(before: Map<string, Buffer>, configCommand: boolean): void {
    for (const [name, bytes] of before) {
        const file = path.join(REPO_ROOT, name);
        const now = fs.existsSync(file) ? fs.readFileSync(file) : undefined;
        if (now !== undefined && now.equals(bytes)) {
            continue;
        }
        if (configCommand && now !== undefined) {
            if (!bytes.toString("utf8").includes("encryptionsalt:")) {
                fs.writeFileSync(file, now.toString("utf8").replace(/^encryptionsalt: .*\n/m, ""));
            }
            continue;
        }
        fs.writeFileSync(file, bytes);
    }
    for (const name of fs.readdirSync(REPO_ROOT)) {
        if (/^Pulumi\.[^.]+\.yaml$/.test(name) && !before.has(name) && !configCommand) {
            fs.rmSync(path.join(REPO_ROOT, name));
        }
    }
}

export function main(argv: string[]): number {
    if (argv.length === 0 || argv[0] === "--help" || argv[0] === "-h") {
        process.stdout.write(`${USAGE}\n`);
        return argv.length === 0 ? 2 : 0;
    }
    const pulumi = findPulumi();
    if (!pulumi) {
        process.stderr.write("sim: no `pulumi` on PATH and none built: run `npm run pulumi:build` (needs Go), or install the Pulumi CLI\n");
        return 2;
    }
    const env = simEnv(pulumi);
    const before = stackFiles();
    try {
        const stack = stackFromArgs(argv);
        if (stack !== undefined && argv[0] !== "stack" && !stackExists(env, stack)) {
            const init = spawnSync(pulumi, ["stack", "init", stack, "--non-interactive"], { cwd: REPO_ROOT, env, stdio: ["ignore", "ignore", "inherit"] });
            if (init.status !== 0) {
                return init.status ?? 1;
            }
        }
        const run = spawnSync(pulumi, argv, { cwd: REPO_ROOT, env, stdio: "inherit" });
        return run.status ?? 1;
    } finally {
        restoreStackFiles(before, argv[0] === "config");
    }
}

if (isMain(module)) {
    process.exitCode = main(process.argv.slice(2));
}
