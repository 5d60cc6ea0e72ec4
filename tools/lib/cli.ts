// Small helpers shared by the tools/ command-line scripts: argument parsing with
// usage errors, JSON file reading with input errors, and one exit-code policy.
//
// Exit codes used by every tool:
//   0  success (or only advisory findings)
//   1  the tool ran and refused / found a blocking problem
//   2  usage error or unreadable / malformed input
import * as fs from "node:fs";
import { parseArgs } from "node:util";

/** Wrong command line: print the message plus usage, exit 2. */
export class UsageError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "UsageError";
    }
}

/** Input that cannot be read or is not in the expected format: exit 2. */
export class InputError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "InputError";
    }
}

export interface ParsedArgs {
    positionals: string[];
    flags: Record<string, string | boolean | undefined>;
}

/**
 * Parses argv strictly. `booleans` are `--flag` switches, `strings` take a value
 * (`--flag value` or `--flag=value`). Unknown flags become a UsageError.
 */
export function parseCli(argv: string[], spec: { booleans?: string[]; strings?: string[] }): ParsedArgs {
    const options: Record<string, { type: "boolean" | "string" }> = {};
    for (const b of spec.booleans ?? []) options[b] = { type: "boolean" };
    for (const s of spec.strings ?? []) options[s] = { type: "string" };
    try {
        const { values, positionals } = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
        return { positionals, flags: values as Record<string, string | boolean | undefined> };
    } catch (err) {
        const e = err as NodeJS.ErrnoException;
        const unknown = /^Unknown option '([^']+)'/.exec(e.message);
        if (e.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" && unknown) throw new UsageError(`unknown option ${unknown[1]}`);
        throw new UsageError(e.message);
    }
}

/** Reads and parses a JSON file; any failure is an InputError naming the file. */
export function readJsonFile(file: string): unknown {
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        throw new InputError(`cannot read ${file}: ${code ?? (err as Error).message}`);
    }
    try {
        return JSON.parse(text) as unknown;
    } catch (err) {
        throw new InputError(`${file} is not valid JSON: ${(err as Error).message}`);
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

/** True when this module is the script node was started with (not imported by a test). */
export function isMain(mod: NodeJS.Module): boolean {
    return require.main === mod;
}
