/**
 * Input the engine reads (plan files, stack exports, facts, policy configs, stack files): an error that names the
 * file and says what is wrong with it. The tools exit 2 on it (tools/lib/cli.ts runCli).
 */
import * as fs from "node:fs";

/** Input that cannot be read or is not in the expected format: exit 2. */
export class InputError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "InputError";
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
