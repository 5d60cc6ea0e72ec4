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
import { PolicyPackProcess } from "../../tools/lib/policy-runner";

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
 * With `pack`, the file's one started pack serves the tool: meanwhile PolicyPackProcess.start() hands out that
 * pack, and the tool's close() of it does nothing (the file's after() closes it). Starting a pack costs a second
 * of CPU; that it starts, as the CLI starts it, is what tests/policy/pack.spec.ts and each tool's process test show.
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
    const start = PolicyPackProcess.start;
    const shared = opts.pack;
    if (shared !== undefined) {
        const lent = Object.create(shared, { close: { value: async () => undefined } }) as PolicyPackProcess;
        PolicyPackProcess.start = async () => lent;
    }
    const cwd = process.cwd();
    process.chdir(REPO); // where runScript runs the tool, so relative paths in argv and messages match
    process.exitCode = undefined;
    try {
        let settled!: Promise<void>;
        runCli(() => {
            const running = main(argv);
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
        PolicyPackProcess.start = start;
    }
}
