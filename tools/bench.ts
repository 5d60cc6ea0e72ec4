// npm run bench [-- --runs N] [--skip-test]
//
// Prints each figure as the median of N runs (default 5), next to its floor measured in the same run, and
// as a ratio to that floor: the median of the per-run ratios. A figure and its floor run back to back in
// every round, so load from other processes on the machine weighs on both alike.
//
//   pack start   spawn of @pulumi/pulumi/cmd/run-policy-pack in policy/ (how the Pulumi CLI starts the pack)
//                until the pack answers its first gRPC call (GetAnalyzerInfo)
//                floor: `node -e 'require("@pulumi/policy")'`                                  goal ≤ 2x
//   plan dev     wall time of the `npm run plan` command (package.json) on the dev stack, pack included
//                floor: `node -e` requiring @pulumi/pulumi, @pulumi/aws and @pulumi/tls (the SDK load)  goal ≤ 2.5x
//   plan 50      the same for a 50-server stack (dev's config, instanceCount 50 over 3 zones)   goal ≤ 3.5x
//   npm test     wall time of `npm test` (skip with --skip-test), against the same SDK load floor
//   npm test, empty cache   the same with an empty TypeScript cache (EC2_SERVER_TS_CACHE, a new directory each
//                run): what a fresh clone and CI get                                        goal ≤ 15 s on 2 cores
//
// Every command runs once untimed first (disk cache). Speed is measured here and reported, never asserted
// in a test.
import * as childProcess from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as yaml from "js-yaml";
import { parseCli, runCli, UsageError } from "./lib/cli";
import { PolicyPackProcess } from "./lib/policy-runner";

const ROOT = path.resolve(__dirname, "..");
const PACK_DIR = path.join(ROOT, "policy");
const USAGE = "usage: npm run -s bench -- [--runs N] [--skip-test]";

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
function timeCommand(cmd: string, args: string[], cwd = ROOT, okStatus = [0]): number {
    const start = process.hrtime.bigint();
    const r = childProcess.spawnSync(cmd, args, { cwd, stdio: ["ignore", "pipe", "pipe"], env: process.env, maxBuffer: 256 * 1024 * 1024 });
    const ms = elapsedMs(start);
    if (r.status === null || !okStatus.includes(r.status)) {
        throw new Error(`${cmd} ${args.join(" ")} exited ${r.status ?? r.signal}:\n${String(r.stdout).slice(-2000)}${String(r.stderr).slice(-4000)}`);
    }
    return ms;
}

/** Spawn of the pack as the CLI spawns it, until its first gRPC answer. */
async function timePackStart(): Promise<number> {
    const start = process.hrtime.bigint();
    const pack = await PolicyPackProcess.start({ packDir: PACK_DIR });
    try {
        await pack.getAnalyzerInfo();
        return elapsedMs(start);
    } finally {
        await pack.close();
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
    goal?: number;
    samples: number[];
    floors: number[];
}

function report(f: Figure): string {
    const ratios = f.samples.map((s, i) => s / f.floors[i]);
    const ratio = median(ratios);
    const goal = f.goal === undefined ? "" : `   goal ≤ ${f.goal}x: ${ratio <= f.goal ? "met" : "NOT met"}`;
    return `${f.label.padEnd(34)} ${fmt(median(f.samples)).padStart(8)}   ${f.floorLabel.padEnd(26)} ${fmt(median(f.floors)).padStart(8)}   ${ratio.toFixed(2).padStart(5)}x${goal}\n`
        + `${"".padEnd(34)} runs: ${f.samples.map(fmt).join(", ")}; ratios ${ratios.map(r => r.toFixed(2)).join(", ")}\n`;
}

async function main(argv: string[]): Promise<number> {
    const { positionals, flags } = parseCli(argv, { booleans: ["skip-test", "help"], strings: ["runs"] });
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
        const dev: Figure = { label: "npm run plan, dev (26 resources)", floorLabel: "SDK load (pulumi/aws/tls)", goal: 2.5, samples: [], floors: [] };
        const fifty: Figure = { label: "npm run plan, 50 servers", floorLabel: "SDK load (pulumi/aws/tls)", goal: 3.5, samples: [], floors: [] };

        // Warm-up: every command once, untimed.
        timeCommand(node, POLICY_FLOOR, PACK_DIR);
        await timePackStart();
        timeCommand(node, SDK_FLOOR);
        timeCommand(node, planDev);
        timeCommand(node, plan50);

        for (let i = 0; i < runs; i++) {
            pack.floors.push(timeCommand(node, POLICY_FLOOR, PACK_DIR));
            pack.samples.push(await timePackStart());
            const sdk = timeCommand(node, SDK_FLOOR);
            dev.floors.push(sdk);
            dev.samples.push(timeCommand(node, planDev));
            fifty.floors.push(sdk);
            fifty.samples.push(timeCommand(node, plan50));
        }
        out(report(pack));
        out(report(dev));
        out(report(fifty));

        if (!flags["skip-test"]) {
            const warm: Figure = { label: "npm test (whole suite)", floorLabel: "SDK load (pulumi/aws/tls)", samples: [], floors: [] };
            const cold: Figure = { label: "npm test, empty TypeScript cache", floorLabel: "SDK load (pulumi/aws/tls)", samples: [], floors: [] };
            const failing = { warm: 0, cold: 0 };
            childProcess.spawnSync("npm", ["test", "--silent"], { cwd: ROOT, stdio: "ignore", env: process.env }); // warm-up, untimed
            for (let i = 0; i < runs; i++) {
                for (const [figure, kind] of [[warm, "warm"], [cold, "cold"]] as const) {
                    figure.floors.push(timeCommand(node, SDK_FLOOR));
                    const cache = kind === "cold" ? fs.mkdtempSync(path.join(os.tmpdir(), "ec2-server-bench-ts-")) : undefined;
                    // Timed even when tests fail (mocha exits with the number of failures), and said so.
                    const start = process.hrtime.bigint();
                    const r = childProcess.spawnSync("npm", ["test", "--silent"], {
                        cwd: ROOT,
                        stdio: "ignore",
                        env: cache === undefined ? process.env : { ...process.env, EC2_SERVER_TS_CACHE: cache },
                    });
                    figure.samples.push(elapsedMs(start));
                    if (cache !== undefined) {
                        fs.rmSync(cache, { recursive: true, force: true });
                    }
                    if (r.status !== 0) {
                        failing[kind]++;
                    }
                }
            }
            out(report(warm));
            out(report(cold));
            for (const kind of ["warm", "cold"] as const) {
                if (failing[kind] > 0) {
                    out(`${"".padEnd(34)} note: npm test${kind === "cold" ? " (empty cache)" : ""} failed in ${failing[kind]} of ${runs} runs (the times still count the whole suite)\n`);
                }
            }
        }
    } finally {
        fs.rmSync(fiftyRoot, { recursive: true, force: true });
    }
    return 0;
}

runCli(() => main(process.argv.slice(2)), USAGE);
