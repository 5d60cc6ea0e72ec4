// Small helpers shared by the tools/ command-line scripts: argument parsing with
// usage errors, JSON file reading with input errors, and one exit-code policy.
//
// Exit codes used by every tool:
//   0  success (or only advisory findings)
//   1  the tool ran and refused / found a blocking problem
//   2  usage error or unreadable / malformed input
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { InputError } from "../../offline";

// The engine's input errors (a file that cannot be read or is not in its format) exit 2 like a usage error.
export { InputError, readJsonFile } from "../../offline";

/** Wrong command line: print the message plus usage, exit 2. */
export class UsageError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "UsageError";
    }
}

export interface ParsedArgs {
    positionals: string[];
    flags: Record<string, string | boolean | undefined>;
}

/**
 * Parses argv strictly. `booleans` are `--flag` switches, `strings` take a value
 * (`--flag value` or `--flag=value`). Unknown flags become a UsageError, and so does a string option given more
 * than once (node:util parseArgs would silently keep the last value), naming the option and every value.
 */
export function parseCli(argv: string[], spec: { booleans?: string[]; strings?: string[] }): ParsedArgs {
    const options: Record<string, { type: "boolean" | "string" }> = {};
    for (const b of spec.booleans ?? []) options[b] = { type: "boolean" };
    for (const s of spec.strings ?? []) options[s] = { type: "string" };
    const parse = () => {
        try {
            return parseArgs({ args: argv, options, allowPositionals: true, strict: true, tokens: true });
        } catch (err) {
            const e = err as NodeJS.ErrnoException;
            const unknown = /^Unknown option '([^']+)'/.exec(e.message);
            if (e.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" && unknown) throw new UsageError(`unknown option ${unknown[1]}`);
            throw new UsageError(e.message);
        }
    };
    const parsed = parse();
    const given = new Map<string, string[]>();
    for (const t of parsed.tokens) {
        if (t.kind === "option" && options[t.name]?.type === "string" && t.value !== undefined) {
            given.set(t.name, [...(given.get(t.name) ?? []), t.value]);
        }
    }
    const repeated = [...given].filter(([, values]) => values.length > 1);
    if (repeated.length > 0) {
        const list = (values: string[]) => `${values.slice(0, -1).map(v => JSON.stringify(v)).join(", ")} and ${JSON.stringify(values[values.length - 1])}`;
        throw new UsageError(repeated.map(([name, values]) => `--${name} given ${values.length === 2 ? "twice" : `${values.length} times`}: ${list(values)}; give it once`).join("; "));
    }
    return { positionals: parsed.positionals, flags: parsed.values as Record<string, string | boolean | undefined> };
}

/** A file named on the command line, by the option that names it (`--out`, `--state`). */
export interface PathOption {
    option: string;
    file: string;
    /** What an input holds, for messages (`the state`). @default "the file" */
    what?: string;
}

/** The real path of a file, or of its directory joined with its name when the file does not exist (yet). */
function canonical(file: string): string {
    const abs = path.resolve(file);
    try {
        return fs.realpathSync(abs);
    } catch {
        try {
            return path.join(fs.realpathSync(path.dirname(abs)), path.basename(abs));
        } catch {
            return abs;
        }
    }
}

/**
 * Checks files a command will write before it does any work, and returns every problem (one line each, empty when
 * none): an output's directory must exist and be a directory, an output must not be a directory, and no output may
 * be the same file as one of the inputs (it would overwrite what the command reads) or as another output.
 */
export function outputPathProblems(outputs: PathOption[], inputs: PathOption[] = []): string[] {
    const problems: string[] = [];
    const seen: { option: PathOption; real: string }[] = inputs.map(i => ({ option: i, real: canonical(i.file) }));
    const inputCount = seen.length;
    for (const o of outputs) {
        const abs = path.resolve(o.file);
        const dir = path.dirname(abs);
        let dirStat: fs.Stats | undefined;
        try {
            dirStat = fs.statSync(dir);
        } catch {
            // reported below
        }
        if (!dirStat) {
            problems.push(`${o.option} ${o.file}: directory ${dir} does not exist`);
            continue;
        }
        if (!dirStat.isDirectory()) {
            problems.push(`${o.option} ${o.file}: ${dir} is not a directory`);
            continue;
        }
        if (fs.statSync(abs, { throwIfNoEntry: false })?.isDirectory()) {
            problems.push(`${o.option} ${o.file}: is a directory; give a file path`);
            continue;
        }
        const real = canonical(o.file);
        const same = seen.findIndex(s => s.real === real);
        if (same >= 0) {
            const other = seen[same].option;
            problems.push(same < inputCount
                ? `${o.option} ${o.file}: the same file as ${other.option} ${other.file}; it would overwrite ${other.what ?? "the file"} it reads (write it to another file)`
                : `${o.option} ${o.file}: the same file as ${other.option} ${other.file}`);
            continue;
        }
        seen.push({ option: o, real });
    }
    return problems;
}

/** Throws an InputError with one `error:` line per problem (runCli prints the first prefix). */
export function failOn(problems: string[]): void {
    if (problems.length > 0) {
        throw new InputError(problems.join("\nerror: "));
    }
}

/**
 * Writes files so that a failure leaves none of them behind, written or half-written: each is written whole to a
 * temporary file in its own directory, and only when all are written are they renamed into place. On any error the
 * temporary files (and any file already renamed) are removed, and an InputError names the file that failed.
 */
export function writeFilesAtomic(files: { file: string; text: string }[]): void {
    const staged: { tmp: string; file: string }[] = [];
    const renamed: string[] = [];
    let current = "";
    try {
        for (const f of files) {
            current = f.file;
            const tmp = path.join(path.dirname(path.resolve(f.file)), `.${path.basename(f.file)}.${process.pid}.${staged.length}.tmp`);
            const fd = fs.openSync(tmp, "wx", 0o644);
            staged.push({ tmp, file: f.file });
            try {
                fs.writeFileSync(fd, f.text);
                fs.fsyncSync(fd);
            } finally {
                fs.closeSync(fd);
            }
        }
        for (const s of staged) {
            current = s.file;
            fs.renameSync(s.tmp, s.file);
            renamed.push(s.file);
        }
    } catch (err) {
        for (const s of staged) fs.rmSync(s.tmp, { force: true });
        for (const file of renamed) fs.rmSync(file, { force: true });
        const code = (err as NodeJS.ErrnoException).code;
        throw new InputError(`cannot write ${current}: ${code ?? (err as Error).message}`);
    }
}

/**
 * Runs a CLI main function and turns its result or error into an exit code.
 * Uses process.exitCode (not process.exit) so buffered stdout is flushed.
 */
export function runCli(main: () => Promise<number>, usage: string): void {
    main().then(
        (code) => {
            process.exitCode = code;
        },
        (err: unknown) => {
            if (err instanceof UsageError) {
                process.stderr.write(`error: ${err.message}\n${usage}\n`);
                process.exitCode = 2;
            } else if (err instanceof InputError) {
                process.stderr.write(`error: ${err.message}\n`);
                process.exitCode = 2;
            } else {
                process.stderr.write(`error: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
                process.exitCode = 2;
            }
        },
    );
}

/**
 * `--policy-config FILE`: the file read and checked by `load` (the engine's loadPolicyConfig, passed in
 * so this module stays free of the runner), or an InputError (exit 2) with its message: every bad entry, with the
 * enforcement levels allowed.
 */
export function readPolicyConfigOption<T>(load: (file: string) => T, file: string): T {
    try {
        return load(file);
    } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        throw new InputError(code !== undefined ? `cannot read policy config ${file}: ${code}` : (err as Error).message);
    }
}

/** True when this module is the script node was started with (not imported by a test). */
export function isMain(mod: NodeJS.Module): boolean {
    return require.main === mod;
}
