// npm run bench [-- --runs N] [--skip-test]
//
// Prints (min / median over N runs, on this machine):
//   1. wall time of `npm run plan` on dev (a fresh process each run, policy pack included)
//   2. program evaluation time for instanceCount 1, 10 and 50, and resources per second
//   3. policy pack start-up time, and Analyze time per resource (the prod stack's resources)
//   4. wall time of `npm test` (once per run; skip with --skip-test)
// Speed is measured here and reported, never asserted in a test.
import * as childProcess from "node:child_process";
import * as path from "node:path";
import { parseCli, runCli } from "./lib/cli";
import { readStackConfig } from "./lib/stack-config";

const ROOT = path.resolve(__dirname, "..");
const USAGE = "usage: npm run -s bench -- [--runs N] [--skip-test]";

function stats(samples: number[]): { min: number; median: number } {
    const s = [...samples].sort((a, b) => a - b);
    return { min: s[0], median: s[Math.floor(s.length / 2)] };
}

function fmt(ms: number): string {
    return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`;
}

function timeCommand(cmd: string, args: string[], quiet = true): number {
    const start = process.hrtime.bigint();
    const r = childProcess.spawnSync(cmd, args, { cwd: ROOT, stdio: quiet ? "ignore" : "inherit", env: process.env });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (r.status !== 0) {
        throw new Error(`${cmd} ${args.join(" ")} exited ${r.status}`);
    }
    return ms;
}

async function main(argv: string[]): Promise<number> {
    const { flags } = parseCli(argv, { booleans: ["skip-test", "help"], strings: ["runs"] });
    if (flags.help) {
        process.stdout.write(`${USAGE}\n`);
        return 0;
    }
    const runs = Number(flags.runs ?? 5);
    const line = (label: string, samples: number[], extra = "") => {
        const { min, median } = stats(samples);
        process.stdout.write(`${label.padEnd(44)} min ${fmt(min).padStart(9)}   median ${fmt(median).padStart(9)}${extra}\n`);
    };
    process.stdout.write(`ec2-server benchmark: node ${process.version}, ${runs} runs each, ${require("node:os").cpus().length} cores\n\n`);

    // 1. plan on dev, as a user runs it (a new process each time).
    const plan: number[] = [];
    for (let i = 0; i < runs; i++) {
        plan.push(timeCommand(process.execPath, ["-r", "ts-node/register/transpile-only", "tools/plan.ts", "--stack", "dev"]));
    }
    line("npm run plan (dev, with policy pack)", plan);

    // 2. program evaluation, in this process (SDK and modules already loaded after the warm-up).
    const { runProgram } = await import("../offline/program");
    const dev = readStackConfig(ROOT, "dev");
    await runProgram({ stack: "dev", config: dev.config });
    for (const count of [1, 10, 50]) {
        const samples: number[] = [];
        let resources = 0;
        for (let i = 0; i < runs; i++) {
            const start = process.hrtime.bigint();
            const run = await runProgram({ stack: "dev", config: { ...dev.config, "ec2-server:instanceCount": String(count), "ec2-server:availabilityZones": "3" } });
            samples.push(Number(process.hrtime.bigint() - start) / 1e6);
            resources = run.resources.length;
        }
        const { median } = stats(samples);
        line(`program evaluation, instanceCount ${count} (${resources} res.)`, samples, `   ${Math.round(resources / (median / 1000))} resources/s`);
    }

    // 3. the policy pack: start-up and per-resource analysis.
    const { PolicyPackProcess } = await import("./lib/policy-runner");
    const { toPolicyResources } = await import("./plan");
    const prodCfg = readStackConfig(ROOT, "prod");
    const prod = await runProgram({ stack: "prod", config: prodCfg.config });
    const policyResources = toPolicyResources(prod, "prod", prodCfg.project, prodCfg.config);
    const startup: number[] = [];
    const perResource: number[] = [];
    for (let i = 0; i < runs; i++) {
        const start = process.hrtime.bigint();
        const pack = await PolicyPackProcess.start();
        startup.push(Number(process.hrtime.bigint() - start) / 1e6);
        try {
            await pack.configure({});
            const t = process.hrtime.bigint();
            for (const r of policyResources) {
                await pack.analyze(r);
            }
            perResource.push(Number(process.hrtime.bigint() - t) / 1e6 / policyResources.length);
        } finally {
            await pack.close();
        }
    }
    line("policy pack start-up (spawn to port)", startup);
    line(`policy Analyze per resource (${policyResources.length} res.)`, perResource);

    // 4. the test suite.
    if (!flags["skip-test"]) {
        const tests: number[] = [];
        for (let i = 0; i < Math.min(runs, 2); i++) {
            tests.push(timeCommand("npm", ["test", "--silent"]));
        }
        line("npm test (whole suite)", tests);
    }
    return 0;
}

runCli(() => main(process.argv.slice(2)), USAGE);
