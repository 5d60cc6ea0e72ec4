/**
 * Running the real Pulumi CLI against the simulated AWS: where the CLI is, and the environment that points it at
 * the simulation (ambient plugins from offline/provider/bin, a local file backend, a passphrase secrets provider,
 * no update checks, no plugin downloads). Used by `npm run sim` and the end-to-end tests.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { SIM_DIR_ENV } from "./account";

export const REPO_ROOT = path.resolve(__dirname, "..", "..");
/** The simulated providers, found by the CLI as ambient plugins (`pulumi-resource-aws`, `pulumi-resource-tls`). */
export const PLUGIN_DIR = path.join(__dirname, "bin");
/** This project's Node.js language host, for a CLI that does not ship the official one beside it. */
export const LANGUAGE_HOST_DIR = path.join(__dirname, "langhost");
export const PROJECT = "ec2-server";

/** The Pulumi release the project builds and tests with: the version of the @pulumi/pulumi it depends on. */
export function pulumiVersion(): string {
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { dependencies: Record<string, string> };
    const pinned = pkg.dependencies["@pulumi/pulumi"];
    if (!/^\d+\.\d+\.\d+$/.test(pinned)) {
        throw new Error(`package.json must pin @pulumi/pulumi to one version (the CLI is built at the same one), got ${pinned}`);
    }
    return pinned;
}

/** Where `npm run pulumi:build` puts the CLI: outside the clone, so every clone on the machine shares it. */
export function pulumiBuildDir(version = pulumiVersion()): string {
    const cache = process.env["XDG_CACHE_HOME"] || path.join(os.homedir(), ".cache");
    return path.join(cache, "ec2-server", "pulumi", `v${version}`);
}

function onPath(name: string, pathVar = process.env["PATH"] ?? ""): string | undefined {
    for (const dir of pathVar.split(path.delimiter)) {
        const candidate = path.join(dir, name);
        try {
            fs.accessSync(candidate, fs.constants.X_OK);
            if (fs.statSync(candidate).isFile()) {
                return candidate;
            }
        } catch {
            // not here
        }
    }
    return undefined;
}

/** A `pulumi` on PATH wins; otherwise the one `npm run pulumi:build` made. */
export function findPulumi(): string | undefined {
    const built = path.join(pulumiBuildDir(), "pulumi");
    return onPath("pulumi") ?? (fs.existsSync(built) ? built : undefined);
}

export function defaultSimDir(): string {
    return process.env[SIM_DIR_ENV] || path.join(REPO_ROOT, ".sim");
}

/** The environment for a CLI run against the simulation in `dir`. */
export function simEnv(pulumi: string, dir = defaultSimDir()): NodeJS.ProcessEnv {
    fs.mkdirSync(path.join(dir, "backend"), { recursive: true });
    fs.mkdirSync(path.join(dir, "home"), { recursive: true });
    const env: NodeJS.ProcessEnv = {
        ...process.env,
        PATH: [
            PLUGIN_DIR,
            // The official CLI ships pulumi-language-nodejs beside it, and that one is used; a CLI built from its Go
            // module (npm run pulumi:build) has none, and the project's own host takes its place.
            ...(fs.existsSync(path.join(path.dirname(pulumi), "pulumi-language-nodejs")) ? [] : [LANGUAGE_HOST_DIR]),
            path.dirname(pulumi),
            path.dirname(process.execPath),
            process.env["PATH"] ?? "",
        ].join(path.delimiter),
        PULUMI_HOME: path.join(dir, "home"),
        PULUMI_BACKEND_URL: `file://${path.join(dir, "backend")}`,
        PULUMI_CONFIG_PASSPHRASE: process.env["PULUMI_CONFIG_PASSPHRASE"] ?? "ec2-server-sim",
        PULUMI_SKIP_UPDATE_CHECK: "true",
        PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
        [SIM_DIR_ENV]: dir,
    };
    // The simulated providers are the ambient plugins: nothing may turn them off.
    delete env["PULUMI_IGNORE_AMBIENT_PLUGINS"];
    delete env["PULUMI_CONFIG_PASSPHRASE_FILE"];
    delete env["PULUMI_ACCESS_TOKEN"];
    return env;
}

/** The stack a pulumi command line names (`--stack X`, `--stack=X`, `-s X`). */
export function stackFromArgs(argv: string[]): string | undefined {
    for (let i = 0; i < argv.length; i++) {
        const a = argv[i];
        if ((a === "--stack" || a === "-s") && i + 1 < argv.length) {
            return argv[i + 1];
        }
        if (a.startsWith("--stack=")) {
            return a.slice("--stack=".length);
        }
    }
    return undefined;
}

export function stackExists(env: NodeJS.ProcessEnv, stack: string): boolean {
    const ls = spawnSync(findPulumiIn(env), ["stack", "ls", "--json"], { cwd: REPO_ROOT, env, encoding: "utf8" });
    if (ls.status !== 0) {
        return false;
    }
    const names = (JSON.parse(ls.stdout) as { name: string }[]).map(s => s.name);
    return names.some(n => n === stack || n.split("/").pop() === stack.split("/").pop());
}

function findPulumiIn(env: NodeJS.ProcessEnv): string {
    return onPath("pulumi", env["PATH"]) ?? "pulumi";
}
