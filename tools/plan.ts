// npm run plan -- [--stack dev|ORG/dev|ORG/PROJECT/dev] [--config-file FILE] [--out plan.json] [--policy-config FILE] [--details]
//
// Shows what `pulumi up` on a stack would build, with no cloud account and no Pulumi CLI: the program
// (index.ts) is evaluated by Pulumi's own SDK in mock mode against the AWS model the tests use
// (offline/aws/), the policy pack in policy/ is started as the CLI starts it and asked about
// every resource, and the result is printed like `pulumi preview` (and written as a plan file with --out).
// Ids the model cannot see (a pinned golden AMI, an adopted VPC, subnets, groups) are assumed to exist and
// listed under "Not verified offline"; `--facts FILE` (format in offline/facts.ts) says what they are.
//
// Exit codes: 0 clean or advisory only; 1 mandatory policy violations, or a change AWS or the engine would
// refuse; 2 configuration errors (the same all-at-once message as the program; nothing is registered and no plan
// is written) or bad usage. The command line is checked before any work: a repeated option, a malformed stack
// name, an output path whose directory does not exist or that would overwrite an input (`--state s.json
// --write-state s.json`) exit 2 with one line each, and a failed run leaves no file behind (outputs are written
// to temporary files and renamed into place only when all are written).
import * as path from "node:path";
import { failOn, InputError, isMain, outputPathProblems, parseCli, PathOption, readPolicyConfigOption, runCli, UsageError, writeFilesAtomic } from "./lib/cli";
import {
    EnforcementLevel, hasInstanceStore, INSTANCE, INSTANCE_STORE_NOTE, loadPolicyConfig, OfflineFacts, parseStackRef, Plan, PlanOp,
    PlanPolicyDiagnostic, PlanResource, PolicyConfigFile, PolicyPackProcess, planStack, readFactsFile, readStackConfig,
    renderNotVerified, SECRET_PLACEHOLDER, stackFilePath,
} from "../offline";

export const USAGE = "usage: npm run -s plan -- [--stack NAME|ORG/NAME|ORG/PROJECT/NAME] [--config-file FILE] [--state FILE] [--write-state FILE] [--out FILE] [--policy-config FILE] [--facts FILE] [--details] [--no-policy] [--root DIR]";
const ROOT = path.resolve(__dirname, "..");

const MARKERS: Record<PlanOp, string> = { create: " +  ", update: " ~  ", replace: " +- ", delete: " -  ", same: "    " };

/** A value for the diff lines: secrets stay "[secret]", long strings are cut. */
function showValue(v: unknown): string {
    if (v === undefined) {
        return "(unset)";
    }
    const text = JSON.stringify(v);
    return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** The diff lines under a resource, like `pulumi preview --diff`. */
export function renderDiffs(r: PlanResource, indent: string): string[] {
    const lines: string[] = [];
    for (const d of r.diffs ?? []) {
        const mark = d.kind === "add" ? "+" : d.kind === "delete" ? "-" : "~";
        const change = d.kind === "add" ? showValue(d.new) : d.kind === "delete" ? showValue(d.old) : `${showValue(d.old)} => ${showValue(d.new)}`;
        lines.push(`${indent}${mark} ${d.path}: ${change}${d.replaces ? `  [forces replacement: ${d.source}]` : ""}`);
    }
    for (const n of r.notes ?? []) {
        lines.push(`${indent}! ${n}`);
    }
    return lines;
}

/**
 * Renders the resource tree like `pulumi preview`: type, name, parent nesting; inputs with --details. With a
 * state, each resource carries its operation's marker and its changed properties; unchanged ones none.
 */
export function renderTree(resources: PlanResource[], details: boolean): string {
    const children = new Map<string | null, PlanResource[]>();
    for (const r of resources) {
        const list = children.get(r.parent) ?? [];
        list.push(r);
        children.set(r.parent, list);
    }
    for (const list of children.values()) {
        list.sort((a, b) => Number(a.custom) - Number(b.custom) || a.type.localeCompare(b.type) || a.name.localeCompare(b.name));
    }
    const typeWidth = Math.max(...resources.map(r => r.type.length)) + 12;
    const lines: string[] = [`     ${"Type".padEnd(typeWidth)}Name`];
    const walk = (r: PlanResource, prefix: string, last: boolean, root: boolean) => {
        const branch = root ? "" : `${prefix}${last ? "└─ " : "├─ "}`;
        lines.push(`${MARKERS[r.op ?? "create"]} ${(branch + r.type).padEnd(typeWidth)}${r.name}`);
        const childPrefix = root ? "" : `${prefix}${last ? "   " : "│  "}`;
        lines.push(...renderDiffs(r, `         ${childPrefix}    `));
        if (details) {
            for (const [k, v] of Object.entries(r.inputs).sort(([a], [b]) => a.localeCompare(b))) {
                lines.push(`         ${childPrefix}    ${k}: ${JSON.stringify(v)}`);
            }
            const opts = Object.entries(r.options).filter(([, v]) => v === true || (Array.isArray(v) && v.length > 0));
            for (const [k, v] of opts) {
                lines.push(`         ${childPrefix}    (${k}: ${JSON.stringify(v)})`);
            }
        }
        const kids = children.get(r.urn) ?? [];
        kids.forEach((c, i) => walk(c, childPrefix, i === kids.length - 1, false));
    };
    for (const root of children.get(null) ?? []) {
        walk(root, "", true, true);
    }
    return lines.join("\n");
}

export function renderOutputs(outputs: Record<string, unknown>): string {
    const keys = Object.keys(outputs).sort();
    const width = Math.max(0, ...keys.map(k => k.length)) + 1;
    return keys.map(k => `    ${(k + ":").padEnd(width)} ${outputs[k] === SECRET_PLACEHOLDER ? SECRET_PLACEHOLDER : JSON.stringify(outputs[k])}`).join("\n");
}

export function renderPolicy(policies: { name: string; enforcementLevel: EnforcementLevel }[], diagnostics: PlanPolicyDiagnostic[]): string {
    const lines = [`Policies (${policies.length} in the ec2-server pack, started as the Pulumi CLI starts it):`];
    const sorted = [...diagnostics].sort((a, b) => Number(b.enforcementLevel === "mandatory") - Number(a.enforcementLevel === "mandatory") || a.policyName.localeCompare(b.policyName));
    for (const d of sorted) {
        lines.push(`    [${d.enforcementLevel}] ${d.policyName}${d.urn ? `  (${d.urn.split("::").pop()})` : ""}`);
        lines.push(`        ${d.message.replace(/\n/g, "\n        ")}`);
    }
    const mandatory = diagnostics.filter(d => d.enforcementLevel === "mandatory" || d.enforcementLevel === "remediate").length;
    const advisory = diagnostics.filter(d => d.enforcementLevel === "advisory").length;
    lines.push(`    ${mandatory} mandatory, ${advisory} advisory violation(s): ${mandatory > 0 ? "FAILED (pulumi up would be blocked)" : "passed"}`);
    return lines.join("\n");
}

export interface PlanOptions {
    /** Project directory with Pulumi.yaml and the stack files. @default the repository */
    root?: string;
    /** The stack: `dev`, or org-qualified as `pulumi` takes it (`myorg/dev`, `myorg/ec2-server/dev`). */
    stack: string;
    /** The stack's config file instead of Pulumi.<stack>.yaml (the Pulumi CLI's `--config-file`). */
    configFile?: string;
    out?: string;
    policyConfig?: PolicyConfigFile;
    details?: boolean;
    /** Run without the policy pack. */
    noPolicy?: boolean;
    /** An already started pack (tests share one); otherwise one is started and closed. */
    pack?: PolicyPackProcess;
    /** A `pulumi stack export` file (or one `--write-state` wrote): plan against that deployed state. */
    state?: string;
    /** Write the state a `pulumi up` + `pulumi refresh` would leave (as modelled) to this file. */
    writeState?: string;
    /** Facts about AMIs, subnets, groups and VPCs the model cannot see (`--facts FILE`, offline/facts.ts). */
    facts?: OfflineFacts;
}

/** "N to create, N to update, …" for a plan against a state. */
export function summarise(resources: PlanResource[]): string {
    const count = (op: PlanOp) => resources.filter(r => r.op === op).length;
    const changes = resources.filter(r => r.op && r.op !== "same").length;
    return [
        "Resources:",
        `    + ${count("create")} to create`,
        `    ~ ${count("update")} to update`,
        `   +- ${count("replace")} to replace`,
        `    - ${count("delete")} to delete`,
        `      ${count("same")} unchanged`,
        `    ${changes} change(s)`,
    ].join("\n");
}

export interface PlanResult {
    code: number;
    stdout: string;
    stderr: string;
    plan?: Plan;
}

/** Plans a stack offline (offline/plan/run.ts planStack) and renders the preview. Never throws for bad config. */
export async function runPlan(opts: PlanOptions): Promise<PlanResult> {
    const root = opts.root ?? ROOT;
    let stackConfig;
    try {
        stackConfig = readStackConfig(root, opts.stack, opts.configFile);
    } catch (err) {
        throw new InputError((err as Error).message);
    }
    // Before any work: every file this run writes can be written, and none of them is a file it reads.
    failOn(outputPathProblems(planOutputs(opts), [
        ...(opts.state !== undefined ? [{ option: "--state", file: opts.state, what: "the state" }] : []),
        { option: opts.configFile !== undefined ? "--config-file" : "the stack file", file: stackFilePath(root, stackConfig.stack, opts.configFile), what: "the stack's config" },
    ]));
    const outcome = await planStack({
        stackConfig, policyConfig: opts.policyConfig, noPolicy: opts.noPolicy, pack: opts.pack, state: opts.state,
        writeState: opts.writeState !== undefined, facts: opts.facts,
    });
    if (outcome.kind === "error") {
        return { code: 2, stdout: "", stderr: `${outcome.message}\n` };
    }
    const { plan } = outcome;
    const resources = plan.resources;
    const out: string[] = [];
    out.push(`Previewing ${plan.project}/${plan.stack} offline (Pulumi SDK mock runtime + the AWS model, ${plan.region}); values such as ids and addresses come from the model.`, "");
    out.push(renderTree(resources, opts.details === true), "");
    out.push("Outputs:", renderOutputs(plan.outputs), "");
    const stores = resources.filter(r => r.type === INSTANCE && r.op !== "delete" && hasInstanceStore(r.inputs.instanceType));
    if (stores.length > 0) {
        out.push("Instance store:", ...stores.map(r => `    ${r.name} (${r.inputs.instanceType}) has NVMe instance storage: ${INSTANCE_STORE_NOTE}. Keep data on EBS (rootVolume, dataVolumes).`), "");
    }
    if (outcome.againstState) {
        out.push(summarise(resources), "");
    } else {
        out.push(`Resources:\n    + ${resources.length} to create (${resources.filter(r => r.custom).length} AWS/TLS resources, ${resources.filter(r => !r.custom).length} components and stack)`, "");
    }
    if (outcome.assumptions.length > 0) {
        out.push(renderNotVerified(outcome.assumptions), "");
    }
    if (outcome.unverified.length > 0) {
        out.push(`Not compared offline (the state holds them encrypted; assumed unchanged): ${outcome.unverified.join(", ")}`, "");
    }
    const refusals = outcome.refusals;
    if (refusals.length > 0) {
        out.push(`Refused: ${refusals.length} operation(s) that AWS or the Pulumi engine would refuse; \`pulumi up\` would fail:`);
        for (const f of refusals) {
            out.push(`    ${f.urn.split("::").pop()}: ${f.message.replace(/\n/g, "\n        ")}`, `        (${f.source})`);
        }
        out.push("");
    }
    out.push(plan.policy ? renderPolicy(plan.policy.policies, plan.policy.diagnostics) : "Policies: not run (--no-policy)");
    // Written together at the end: a run that fails leaves neither file, written or half-written.
    const files: { file: string; text: string }[] = [];
    if (opts.writeState && outcome.stateExport) {
        files.push({ file: opts.writeState, text: `${JSON.stringify(outcome.stateExport, null, 2)}\n` });
    }
    if (opts.out) {
        files.push({ file: opts.out, text: `${JSON.stringify(plan, null, 2)}\n` });
    }
    writeFilesAtomic(files);
    if (opts.writeState) {
        out.push("", `State after \`pulumi up\` + \`pulumi refresh\` (as modelled) written to ${opts.writeState}`);
    }
    if (opts.out) {
        out.push("", `Plan written to ${opts.out}`);
    }
    return { code: outcome.blocked ? 1 : 0, stdout: `${out.join("\n")}\n`, stderr: "", plan };
}

/** The files a plan run writes, by the option that names them. */
function planOutputs(opts: { out?: string; writeState?: string }): PathOption[] {
    return [
        ...(opts.out !== undefined ? [{ option: "--out", file: opts.out }] : []),
        ...(opts.writeState !== undefined ? [{ option: "--write-state", file: opts.writeState }] : []),
    ];
}

export async function main(argv: string[]): Promise<number> {
    const { positionals, flags } = parseCli(argv, {
        booleans: ["details", "no-policy", "help"],
        strings: ["stack", "config-file", "out", "policy-config", "root", "state", "write-state", "facts"],
    });
    if (flags.help) {
        process.stdout.write(`${USAGE}\n`);
        return 0;
    }
    if (positionals.length > 0) {
        throw new UsageError(`unexpected argument ${positionals[0]}`);
    }
    const str = (name: string) => (typeof flags[name] === "string" ? flags[name] : undefined);
    const stack = str("stack") ?? "dev";
    // The whole command line is checked before anything is read or run, and every problem is reported at once.
    const problems: string[] = [];
    try {
        parseStackRef(stack);
    } catch (err) {
        problems.push((err as Error).message);
    }
    const holds: Record<string, string> = { state: "the state", facts: "the facts", "policy-config": "the policy config", "config-file": "the stack's config" };
    const inputs = Object.keys(holds).flatMap(name => (str(name) !== undefined ? [{ option: `--${name}`, file: str(name) as string, what: holds[name] }] : []));
    problems.push(...outputPathProblems(planOutputs({ out: str("out"), writeState: str("write-state") }), inputs));
    failOn(problems);

    let policyConfig: PolicyConfigFile | undefined;
    const policyConfigFile = str("policy-config");
    if (policyConfigFile !== undefined) {
        policyConfig = readPolicyConfigOption(loadPolicyConfig, policyConfigFile);
    }
    let facts: OfflineFacts | undefined;
    if (typeof flags.facts === "string") {
        try {
            facts = readFactsFile(flags.facts);
        } catch (err) {
            throw new InputError((err as Error).message);
        }
    }
    const result = await runPlan({
        root: typeof flags.root === "string" ? path.resolve(flags.root) : undefined,
        stack,
        configFile: str("config-file"),
        out: str("out"),
        policyConfig,
        details: flags.details === true,
        noPolicy: flags["no-policy"] === true,
        state: str("state"),
        writeState: str("write-state"),
        facts,
    });
    process.stdout.write(result.stdout);
    process.stderr.write(result.stderr);
    return result.code;
}

if (isMain(module)) {
    runCli(() => main(process.argv.slice(2)), USAGE);
}
