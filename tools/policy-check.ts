// npm run -s policy:check -- FILE [--policy-config F] [--json]
//
// Runs the CrossGuard pack in policy/ (through offline/policy/pack.ts, which starts it the way the Pulumi CLI does)
// over the resources in FILE: a `pulumi stack export`, a `pulumi preview --json` or an offline plan file, detected and
// converted by offline/policy/resources.ts (values it cannot see passed as unknown, providers resolved or taken from
// the plan). `pulumi preview --json` lists only changed resources unless run with --show-sames.
//
// Exit codes: 0 no violations or advisory only; 1 mandatory violations; 2 usage / bad input / pack failure.
import { InputError, parseCli, readJsonFile, readPolicyConfigOption, runCli, UsageError } from "./lib/cli";
import { checkResources, hasMandatory, InputFormat, loadPolicyConfig, loadResources, PolicyConfigFile, PolicyDiagnostic } from "../offline";

export const USAGE = "usage: npm run -s policy:check -- FILE [--policy-config FILE] [--json]";

const FORMAT_NAMES: Record<InputFormat, string> = {
    "stack-export": "pulumi stack export",
    preview: "pulumi preview --json",
    plan: "plan file",
};

export interface CheckReport {
    policies: { name: string; enforcementLevel: string }[];
    diagnostics: { policyName: string; urn?: string; enforcementLevel: string; message: string }[];
}

/** The --json shape: only the documented fields, in a fixed order. */
export function toJsonReport(result: { policies: { name: string; enforcementLevel: string }[]; diagnostics: PolicyDiagnostic[] }): CheckReport {
    return {
        policies: result.policies.map((p) => ({ name: p.name, enforcementLevel: p.enforcementLevel })),
        diagnostics: result.diagnostics.map((d) => ({
            policyName: d.policyName,
            ...(d.urn !== undefined ? { urn: d.urn } : {}),
            enforcementLevel: d.enforcementLevel,
            message: d.message,
        })),
    };
}

export function renderReport(file: string, format: InputFormat, count: number, report: CheckReport, notes: string[]): string {
    const out: string[] = [];
    out.push(`policy check: ${file} (${FORMAT_NAMES[format]}, ${count} resources, ${report.policies.length} policies)`);
    for (const n of notes) out.push(`  note: ${n}`);
    for (const d of report.diagnostics) {
        out.push(`  [${d.enforcementLevel}] ${d.policyName}`);
        if (d.urn) out.push(`      ${d.urn}`);
        out.push(`      ${d.message.replace(/\n/g, "\n      ")}`);
    }
    const mandatory = report.diagnostics.filter((d) => d.enforcementLevel === "mandatory").length;
    const advisory = report.diagnostics.filter((d) => d.enforcementLevel === "advisory").length;
    const other = report.diagnostics.length - mandatory - advisory;
    out.push(
        `summary: ${mandatory} mandatory, ${advisory} advisory${other ? `, ${other} other` : ""} violation(s): ${mandatory > 0 ? "FAILED" : "passed"}`,
    );
    return `${out.join("\n")}\n`;
}

export async function main(argv: string[]): Promise<number> {
    const { positionals, flags } = parseCli(argv, { booleans: ["json", "help"], strings: ["policy-config"] });
    if (flags.help) {
        process.stdout.write(`${USAGE}\n`);
        return 0;
    }
    if (positionals.length !== 1) throw new UsageError("expected exactly one FILE");
    const file = positionals[0];
    const { format, resources, notes } = loadResources(readJsonFile(file), file);
    let policyConfig: PolicyConfigFile | undefined;
    if (typeof flags["policy-config"] === "string") {
        policyConfig = readPolicyConfigOption(loadPolicyConfig, flags["policy-config"]);
    }
    let result: { policies: { name: string; enforcementLevel: string }[]; diagnostics: PolicyDiagnostic[] };
    try {
        result = await checkResources(resources, policyConfig ? { policyConfig } : {});
    } catch (err) {
        throw new InputError(`the policy pack failed: ${(err as Error).message}`);
    }
    const report = toJsonReport(result);
    if (flags.json) {
        for (const n of notes) process.stderr.write(`note: ${n}\n`);
        process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    } else {
        process.stdout.write(renderReport(file, format, resources.length, report, notes));
    }
    return hasMandatory(result.diagnostics) ? 1 : 0;
}

if (require.main === module) runCli(() => main(process.argv.slice(2)), USAGE);
