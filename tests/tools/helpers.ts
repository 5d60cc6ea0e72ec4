// Two ways to run a tool from tests/tools:
// - runScript: a real process, with the command of its npm script in package.json (the same TypeScript loader
//   `npm run <script>` uses), for what only a process shows: its exit status, what reaches stdout and stderr,
//   and nothing else escaping (a stack trace from a leftover rejection, an unflushed write).
// - runMain: the tool's main() in this process, through the same runCli its last line calls, so the exit code
//   and the error texts are the ones the process would give, without starting Node, the loader and the SDK again.
// Each tool keeps at least one runScript test; the other command-line cases use runMain.
import * as childProcess from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { runCli } from "../../tools/lib/cli";
import { PolicyPackProcess } from "../../offline/policy/pack";

export const REPO = path.resolve(__dirname, "..", "..");

/** The node arguments of an npm script (`node <args>` in package.json), e.g. the loader and the tool's file. */
export function scriptArgs(script: string): string[] {
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO, "package.json"), "utf8")) as { scripts: Record<string, string> };
    const words = pkg.scripts[script].trim().split(/\s+/);
    if (words[0] !== "node") {
        throw new Error(`expected the ${script} script to start with node, got: ${pkg.scripts[script]}`);
    }
    return words.slice(1);
}

/** `npm run -s <script> -- <args>` as a process (without npm's own start-up), in the repository root. */
export function runScript(script: string, args: string[], opts: { input?: string } = {}): childProcess.SpawnSyncReturns<string> {
    return childProcess.spawnSync(process.execPath, [...scriptArgs(script), ...args], { cwd: REPO, encoding: "utf8", input: opts.input });
}

export interface MainResult {
    /** What the process would exit with. */
    status: number;
    stdout: string;
    stderr: string;
}

/**
 * Runs `runCli(() => main(argv), usage)` as the tool's own `if (require.main === module)` line does, in this
 * process and in the repository root: captures everything written to stdout and stderr meanwhile, and reads the
 * exit code runCli sets. The working directory and process.exitCode are restored afterwards.
 *
 * With `pack` (sharedPack()), that pack serves the tool, lent as withLentPack lends it.
 */
export async function runMain(main: (argv: string[]) => Promise<number>, usage: string, argv: string[], opts: { pack?: PolicyPackProcess } = {}): Promise<MainResult> {
    const streams = { stdout: process.stdout, stderr: process.stderr };
    const written = { stdout: "", stderr: "" };
    const writes = { stdout: process.stdout.write, stderr: process.stderr.write };
    const savedExitCode = process.exitCode;
    for (const name of ["stdout", "stderr"] as const) {
        streams[name].write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
            written[name] += typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
            const callback = rest.find(r => typeof r === "function") as (() => void) | undefined;
            callback?.();
            return true;
        }) as typeof process.stdout.write;
    }
    const cwd = process.cwd();
    process.chdir(REPO); // where runScript runs the tool, so relative paths in argv and messages match
    process.exitCode = undefined;
    try {
        let settled!: Promise<void>;
        runCli(() => {
            const running = opts.pack === undefined ? main(argv) : withLentPack(opts.pack, () => main(argv)).then(r => r.result);
            // runCli's own handlers are attached after this one, in the same turn; a macrotask later they have run.
            settled = running.then(() => undefined, () => undefined).then(() => new Promise<void>(resolve => setImmediate(resolve)));
            return running;
        }, usage);
        await settled;
        const code = process.exitCode as number | string | undefined;
        if (typeof code !== "number") {
            throw new Error(`runCli set no numeric exit code (got ${String(code)})`);
        }
        return { status: code, ...written };
    } finally {
        process.stdout.write = writes.stdout;
        process.stderr.write = writes.stderr;
        process.exitCode = savedExitCode;
        process.chdir(cwd);
    }
}

let shared: Promise<PolicyPackProcess> | undefined;

/**
 * This process's one policy pack, started as the CLI starts it (run-policy-pack in policy/) when a test first asks,
 * then given to every file that asks: mocha's parallel workers each run many files in one process, and each start
 * costs most of a second of CPU. Nothing carries over between uses, since every use configures the pack first, as
 * the CLI does at every run (runPlan, checkResources, and the tests that call analyze). It does not keep the
 * process alive, and it is killed when the process exits. That a pack starts, answers and closes is what
 * tests/policy/pack.spec.ts and each tool's process test show.
 */
export function sharedPack(): Promise<PolicyPackProcess> {
    shared ??= PolicyPackProcess.start().then(p => p.unref());
    return shared;
}

/**
 * Runs `fn` while PolicyPackProcess.start() hands out `pack` instead of starting one, and counts how `fn` used it:
 * the calls to start(), and to close() on what start() gave, which does nothing else (the pack stays up for
 * the next user).
 */
export async function withLentPack<T>(pack: PolicyPackProcess, fn: () => Promise<T>): Promise<{ result: T; starts: number; closes: number }> {
    const start = PolicyPackProcess.start;
    const counts = { starts: 0, closes: 0 };
    const lent = Object.create(pack, {
        close: {
            value: async () => {
                counts.closes++;
            },
        },
    }) as PolicyPackProcess;
    PolicyPackProcess.start = async () => {
        counts.starts++;
        return lent;
    };
    try {
        const result = await fn();
        return { result, ...counts };
    } finally {
        PolicyPackProcess.start = start;
    }
}
