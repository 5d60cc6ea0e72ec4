// npm run bench [-- --runs N] [--skip-test] [--skip-cli] [--e2e]
//
// Prints each figure as the median of N runs (default 5), next to its floor measured in the same run, and
// as a ratio to that floor: the median of the per-run ratios. A figure and its floor run back to back in
// every round, so load from other processes on the machine weighs on both alike.
//
//   pack start   spawn of @pulumi/pulumi/cmd/run-policy-pack in policy/ (how the Pulumi CLI starts the pack)
//                until the pack answers its first gRPC call (GetAnalyzerInfo)
//                floor: `node -e 'require("@pulumi/policy")'`                                  goal ≤ 2x
//   pack start, as the tools start it   the same, as `npm run plan`, `policy:check` and the tests start it
//                (PolicyPackProcess's default, packEnv): with a compile cache of its own and the SDK's function
//                serializer deferred (offline/lazy-closure.js), from its first module on
//   plan dev     wall time of the `npm run plan` command (package.json) on the dev stack, pack included
//                floor: `node -e` requiring @pulumi/pulumi, @pulumi/aws and @pulumi/tls (the SDK load)  goal ≤ 2.5x
//   plan 50      the same for a 50-server stack (dev's config, instanceCount 50 over 3 zones)   goal ≤ 3.5x
//   npm test     wall time of `npm test` (skip with --skip-test), against the same SDK load floor
//   npm test, after npm ci   the first run after an install, as CI runs it on a fresh clone: the caches as
//                npm ci's prepare leaves them (`register.js --fill`, untimed, into a new EC2_SERVER_V8_CACHE
//                directory each run, so the packs' "-pack" directory beside it is new too; the TypeScript cache
//                it fills is the repository's), and a new TMPDIR
//                                                                                       goal ≤ 15 s on 2 cores
//   npm test, empty caches   every cache empty (also EC2_SERVER_TS_CACHE): `npm ci --ignore-scripts`, or the
//                first run after TypeScript or tsconfig.json changed
//
//   sim preview dev with the pack   `npm run sim -- preview --stack dev --policy-pack policy` against a deployed dev
//                (the real Pulumi CLI, the simulated providers, the pack; skip with --skip-cli)
//                floor: the same CLI's `preview` of an empty Node.js program in the same simulation: the CLI's own floor
//   sim preview dev                 the same without the pack
//   npm run test:e2e   (--e2e) one timed run of the end-to-end suite
//
// The floors run as from a shell (`node -e`, no NODE_COMPILE_CACHE), and so does the pack's start, as the Pulumi
// CLI starts a pack: it then has only the compile cache that policy/pack.js turns on itself. The plans and the
// suite run as `npm run plan` and `npm test` do, with the compile cache that offline/register.js turns on; each
// plan line also gives its ratio to the SDK load with that same cache, the lowest floor there is.
//
// Every command runs once untimed first (disk cache). Speed is measured here and reported, never asserted
// in a test.
import * as childProcess from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as yaml from "js-yaml";
import { parseCli, runCli, UsageError } from "./lib/cli";
import { findPulumi, simEnv, startPolicyPack } from "../offline";

const ROOT = path.resolve(__dirname, "..");
const PACK_DIR = path.join(ROOT, "policy");
const USAGE = "usage: npm run -s bench -- [--runs N] [--skip-test] [--skip-cli] [--e2e]";

const POLICY_FLOOR = ['-e', 'require("@pulumi/policy")'];
const SDK_FLOOR = ["-e", 'require("@pulumi/pulumi"); require("@pulumi/aws"); require("@pulumi/tls")'];

function median(samples: number[]): number {
    const s = [...samples].sort((a, b) => a - b);
    const mid = Math.floor(s.length / 2);
    return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

function fmt(ms: number): string {
    return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`;
}

function elapsedMs(start: bigint): number {
    return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Wall time of a command; throws with its output if it exits with another status than expected. */
function timeCommand(cmd: string, args: string[], cwd = ROOT, okStatus = [0], env: NodeJS.ProcessEnv = process.env): number {
    const start = process.hrtime.bigint();
    const r = childProcess.spawnSync(cmd, args, { cwd, stdio: ["ignore", "pipe", "pipe"], env, maxBuffer: 256 * 1024 * 1024 });
    const ms = elapsedMs(start);
    if (r.status === null || !okStatus.includes(r.status)) {
        throw new Error(`${cmd} ${args.join(" ")} exited ${r.status ?? r.signal}:\n${String(r.stdout).slice(-2000)}${String(r.stderr).slice(-4000)}`);
    }
    return ms;
}

/** Runs `fn` with NODE_COMPILE_CACHE unset, so the processes it starts run as they would from a shell. */
async function withoutCompileCacheEnv<T>(fn: () => T | Promise<T>): Promise<T> {
    const saved = process.env["NODE_COMPILE_CACHE"];
    delete process.env["NODE_COMPILE_CACHE"];
    try {
        return await fn();
    } finally {
        if (saved !== undefined) {
            process.env["NODE_COMPILE_CACHE"] = saved;
        }
    }
}

/**
 * Spawn of the pack until its first gRPC answer: as the CLI spawns it (`cli`), or as `npm run plan` and the tests
 * do (`tools`, PolicyPackProcess's default: a compile cache and the SDK's function serializer deferred, from the
 * pack's first module on).
 */
async function timePackStart(how: "cli" | "tools"): Promise<number> {
    return withoutCompileCacheEnv(async () => {
        const start = process.hrtime.bigint();
        const pack = await startPolicyPack({ packDir: PACK_DIR, asCli: how === "cli" });
        try {
            await pack.getAnalyzerInfo();
            return elapsedMs(start);
        } finally {
            await pack.close();
        }
    });
}

/** `node -e 'require("@pulumi/policy")'` in policy/, as from a shell. */
function timePolicyFloor(): Promise<number> {
    return withoutCompileCacheEnv(() => timeCommand(process.execPath, POLICY_FLOOR, PACK_DIR));
}

/** The SDK load as from a shell (`node -e`, no compile cache). */
function timeSdkFloor(): Promise<number> {
    return withoutCompileCacheEnv(() => timeCommand(process.execPath, SDK_FLOOR));
}

/** The SDK load with the compile cache that `npm run plan` uses (register.js's directory). */
function timeCachedSdkFloor(): number {
    const dir = process.env["NODE_COMPILE_CACHE"] || path.join(ROOT, "node_modules", ".cache", "ec2-server", "v8");
    const saved = process.env["NODE_COMPILE_CACHE"];
    process.env["NODE_COMPILE_CACHE"] = dir;
    try {
        return timeCommand(process.execPath, SDK_FLOOR);
    } finally {
        if (saved === undefined) {
            delete process.env["NODE_COMPILE_CACHE"];
        } else {
            process.env["NODE_COMPILE_CACHE"] = saved;
        }
    }
}

/** The `npm run plan` command from package.json, run with this node (without npm's own start-up). */
function planCommand(): string[] {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> };
    const words = pkg.scripts["plan"].trim().split(/\s+/);
    if (words[0] !== "node") {
        throw new Error(`bench expects the plan script to start with node, got: ${pkg.scripts["plan"]}`);
    }
    return words.slice(1);
}

/** A project root with Pulumi.yaml and a stack "bench50": dev's config with 50 servers over 3 zones. */
function fiftyServerRoot(): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ec2-server-bench-"));
    fs.copyFileSync(path.join(ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
    const dev = yaml.load(fs.readFileSync(path.join(ROOT, "Pulumi.dev.yaml"), "utf8")) as { config?: Record<string, unknown> };
    const config = { ...dev.config, "ec2-server:instanceCount": 50, "ec2-server:availabilityZones": 3 };
    fs.writeFileSync(path.join(dir, "Pulumi.bench50.yaml"), yaml.dump({ ...dev, config }));
    return dir;
}

interface Figure {
    label: string;
    floorLabel: string;
    /** A goal for the ratio to the floor. */
    goal?: number;
    /** A goal for the median wall time, in seconds. */
    goalSeconds?: number;
    samples: number[];
    floors: number[];
    /** The same figure against a second floor, reported after it. */
    also?: { label: string; floors: number[] };
}

function report(f: Figure): string {
    const ratios = f.samples.map((s, i) => s / f.floors[i]);
    const ratio = median(ratios);
    const goal = f.goal !== undefined
        ? `   goal ≤ ${f.goal}x: ${ratio <= f.goal ? "met" : "NOT met"}`
        : f.goalSeconds !== undefined
            ? `   goal ≤ ${f.goalSeconds} s: ${median(f.samples) <= f.goalSeconds * 1000 ? "met" : "NOT met"}`
            : "";
    return `${f.label.padEnd(34)} ${fmt(median(f.samples)).padStart(8)}   ${f.floorLabel.padEnd(26)} ${fmt(median(f.floors)).padStart(8)}   ${ratio.toFixed(2).padStart(5)}x${goal}\n`
        + `${"".padEnd(34)} runs: ${f.samples.map(fmt).join(", ")}; ratios ${ratios.map(r => r.toFixed(2)).join(", ")}\n`
        + (f.also === undefined ? "" : `${"".padEnd(34)} against ${f.also.label} (${fmt(median(f.also.floors))}): ${median(f.samples.map((s, i) => s / f.also!.floors[i])).toFixed(2)}x\n`);
}

async function main(argv: string[]): Promise<number> {
    const { positionals, flags } = parseCli(argv, { booleans: ["skip-test", "skip-cli", "e2e", "help"], strings: ["runs"] });
    if (flags.help) {
        process.stdout.write(`${USAGE}\n`);
        return 0;
    }
    if (positionals.length > 0) {
        throw new UsageError(`unexpected argument ${positionals[0]}`);
    }
    const runs = Number(flags.runs ?? 5);
    if (!Number.isInteger(runs) || runs < 1) {
        throw new UsageError(`--runs must be a positive integer, got ${flags.runs}`);
    }
    const node = process.execPath;
    const plan = planCommand();
    const fiftyRoot = fiftyServerRoot();
    const planDev = [...plan, "--stack", "dev"];
    const plan50 = [...plan, "--root", fiftyRoot, "--stack", "bench50"];
    const out = (s: string) => process.stdout.write(s);
    out(`ec2-server benchmark: node ${process.version}, ${os.cpus().length} cores, load average ${os.loadavg()[0].toFixed(2)} at start; median of ${runs} runs\n\n`);

    try {
        const pack: Figure = { label: "pack start, to first gRPC answer", floorLabel: 'require("@pulumi/policy")', goal: 2, samples: [], floors: [] };
        const toolsPack: Figure = { label: "pack start, as the tools start it", floorLabel: 'require("@pulumi/policy")', samples: [], floors: [] };
        const cachedSdk = { label: "the SDK load with the compile cache", floors: [] as number[] };
        const dev: Figure = { label: "npm run plan, dev (26 resources)", floorLabel: "SDK load (pulumi/aws/tls)", goal: 2.5, samples: [], floors: [], also: cachedSdk };
        const fifty: Figure = { label: "npm run plan, 50 servers", floorLabel: "SDK load (pulumi/aws/tls)", goal: 3.5, samples: [], floors: [], also: cachedSdk };

        // Warm-up: every command once, untimed.
        await timePolicyFloor();
        await timePackStart("cli");
        await timePackStart("tools");
        await timeSdkFloor();
        timeCachedSdkFloor();
        timeCommand(node, planDev);
        timeCommand(node, plan50);

        for (let i = 0; i < runs; i++) {
            pack.floors.push(await timePolicyFloor());
            pack.samples.push(await timePackStart("cli"));
            toolsPack.floors.push(pack.floors[i]);
            toolsPack.samples.push(await timePackStart("tools"));
            const sdk = await timeSdkFloor();
            cachedSdk.floors.push(timeCachedSdkFloor());
            dev.floors.push(sdk);
            dev.samples.push(timeCommand(node, planDev));
            fifty.floors.push(sdk);
            fifty.samples.push(timeCommand(node, plan50));
        }
        out(report(pack));
        out(report(toolsPack));
        out(report(dev));
        out(report(fifty));

        const pulumi = flags["skip-cli"] ? undefined : findPulumi();
        if (!flags["skip-cli"] && pulumi === undefined) {
            out("sim preview: no Pulumi CLI (npm run pulumi:build, or pulumi on PATH); skipped\n");
        }
        if (pulumi !== undefined) {
            out(cliFigures(pulumi, runs));
        }

        if (!flags["skip-test"]) {
            type Kind = "warm" | "afterCi" | "empty";
            const figures: Record<Kind, Figure> = {
                warm: { label: "npm test (whole suite)", floorLabel: "SDK load (pulumi/aws/tls)", samples: [], floors: [] },
                afterCi: { label: "npm test, after npm ci (CI)", floorLabel: "SDK load (pulumi/aws/tls)", goalSeconds: 15, samples: [], floors: [] },
                empty: { label: "npm test, empty caches", floorLabel: "SDK load (pulumi/aws/tls)", samples: [], floors: [] },
            };
            const notes: Record<Kind, string> = { warm: "", afterCi: " (after npm ci)", empty: " (empty caches)" };
            const failing: Record<Kind, number> = { warm: 0, afterCi: 0, empty: 0 };
            childProcess.spawnSync("npm", ["test", "--silent"], { cwd: ROOT, stdio: "ignore", env: process.env }); // warm-up, untimed
            for (let i = 0; i < runs; i++) {
                for (const kind of ["warm", "afterCi", "empty"] as const) {
                    const figure = figures[kind];
                    figure.floors.push(await timeSdkFloor());
                    // A first run gets new, empty directories: register.js's compile cache, its TypeScript cache (empty
                    // caches only), and TMPDIR, so the pack's own compile cache (<tmpdir>/node-compile-cache) is empty
                    // too, as on a machine that has not run it yet.
                    const caches = kind === "warm" ? [] : kind === "afterCi" ? ["EC2_SERVER_V8_CACHE", "TMPDIR"] : ["EC2_SERVER_V8_CACHE", "TMPDIR", "EC2_SERVER_TS_CACHE"];
                    const env: NodeJS.ProcessEnv = { ...process.env };
                    for (const name of caches) {
                        env[name] = fs.mkdtempSync(path.join(os.tmpdir(), `ec2-server-bench-${name.toLowerCase()}-`));
                    }
                    if (kind === "afterCi") {
                        // What npm ci's prepare leaves, untimed (the pack is already built).
                        timeCommand(node, [path.join(ROOT, "offline", "register.js"), "--fill"], ROOT, [0], env);
                    }
                    // Timed even when tests fail (mocha exits with the number of failures), and said so.
                    const start = process.hrtime.bigint();
                    const r = childProcess.spawnSync("npm", ["test", "--silent"], { cwd: ROOT, stdio: "ignore", env });
                    figure.samples.push(elapsedMs(start));
                    for (const name of caches) {
                        fs.rmSync(env[name] as string, { recursive: true, force: true });
                    }
                    if (env["EC2_SERVER_V8_CACHE"] !== process.env["EC2_SERVER_V8_CACHE"]) {
                        fs.rmSync(`${env["EC2_SERVER_V8_CACHE"]}-pack`, { recursive: true, force: true }); // the packs' (packCompileCacheDir)
                    }
                    if (r.status !== 0) {
                        failing[kind]++;
                    }
                }
            }
            for (const kind of ["warm", "afterCi", "empty"] as const) {
                out(report(figures[kind]));
            }
            for (const kind of ["warm", "afterCi", "empty"] as const) {
                if (failing[kind] > 0) {
                    out(`${"".padEnd(34)} note: npm test${notes[kind]} failed in ${failing[kind]} of ${runs} runs (the times still count the whole suite)\n`);
                }
            }
        }
        if (flags.e2e) {
            const start = process.hrtime.bigint();
            const r = childProcess.spawnSync("npm", ["run", "-s", "test:e2e"], { cwd: ROOT, stdio: "ignore", env: process.env });
            out(`${"npm run test:e2e (once)".padEnd(34)} ${fmt(elapsedMs(start)).padStart(8)}${r.status === 0 ? "" : `   (exit ${r.status})`}\n`);
        }
    } finally {
        fs.rmSync(fiftyRoot, { recursive: true, force: true });
    }
    return 0;
}

/**
 * The real CLI against the simulation: a preview of the deployed dev stack, with and without the pack, each against
 * the CLI's floor, a preview of an empty Node.js program (a project of its own) in the same simulation.
 */
function cliFigures(pulumi: string, runs: number): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ec2-server-bench-sim-"));
    try {
        const env = simEnv(pulumi, path.join(dir, "sim"));
        const sim = (args: string[]) => [path.join(ROOT, "offline", "register.js"), path.join(ROOT, "tools", "sim.ts"), ...args];
        const simEnvVars = { ...process.env, EC2_SERVER_SIM_DIR: path.join(dir, "sim") };
        timeCommand(process.execPath, ["-r", ...sim(["up", "--stack", "dev", "--yes", "--skip-preview"])], ROOT, [0], simEnvVars);
        const empty = path.join(dir, "empty");
        fs.mkdirSync(empty);
        fs.writeFileSync(path.join(empty, "Pulumi.yaml"), "name: empty\nruntime: nodejs\n");
        fs.writeFileSync(path.join(empty, "package.json"), JSON.stringify({ name: "empty", main: "index.js" }));
        fs.writeFileSync(path.join(empty, "index.js"), "module.exports = {};\n");
        fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(empty, "node_modules"));
        timeCommand(pulumi, ["stack", "init", "floor", "--non-interactive"], empty, [0], env);
        timeCommand(pulumi, ["up", "--yes", "--skip-preview", "--stack", "floor", "--non-interactive"], empty, [0], env);
        const floorArgs = ["preview", "--stack", "floor", "--non-interactive"];
        const withPack: Figure = { label: "sim preview dev, with the pack", floorLabel: "CLI preview, empty program", samples: [], floors: [] };
        const plain: Figure = { label: "sim preview dev", floorLabel: "CLI preview, empty program", samples: [], floors: [] };
        const previewArgs = ["preview", "--stack", "dev", "--non-interactive"];
        timeCommand(pulumi, floorArgs, empty, [0], env); // warm-up
        timeCommand(process.execPath, ["-r", ...sim([...previewArgs, "--policy-pack", "policy"])], ROOT, [0], simEnvVars);
        for (let i = 0; i < runs; i++) {
            const floor = timeCommand(pulumi, floorArgs, empty, [0], env);
            withPack.floors.push(floor);
            withPack.samples.push(timeCommand(process.execPath, ["-r", ...sim([...previewArgs, "--policy-pack", "policy"])], ROOT, [0], simEnvVars));
            plain.floors.push(floor);
            plain.samples.push(timeCommand(process.execPath, ["-r", ...sim(previewArgs)], ROOT, [0], simEnvVars));
        }
        return report(withPack) + report(plain);
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

runCli(() => main(process.argv.slice(2)), USAGE);
