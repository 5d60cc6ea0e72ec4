// npm run plan -- [--stack dev|ORG/dev|ORG/PROJECT/dev] [--config-file FILE] [--out plan.json] [--policy-config FILE] [--details]
//
// Shows what `pulumi up` on a stack would build, with no cloud account and no Pulumi CLI: the program
// (index.ts) is evaluated by Pulumi's own SDK in mock mode against the AWS model the tests use
// (offline/aws-model.ts), the policy pack in policy/ is started as the CLI starts it and asked about
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
import * as fs from "node:fs";
import * as path from "node:path";
import { failOn, InputError, isMain, outputPathProblems, parseCli, PathOption, readPolicyConfigOption, runCli, UsageError, writeFilesAtomic } from "./lib/cli";
import { parseStackRef, readStackConfig, stackFilePath } from "../offline/stack-config";
import { defaultProviderResource, packageOf, Plan, PlanOp, PlanProviders, PlanResource, providerProperties, SECRET_PLACEHOLDER, UNKNOWN_SENTINEL } from "../offline/plan/format";
import { EnforcementLevel, hasMandatory, PolicyDiagnostic, PolicyResource } from "../offline/policy/analyzer";
import { loadPolicyConfig, PolicyConfigFile } from "../offline/policy/config";
import type { PolicyPackProcess } from "../offline/policy/pack";
import type { ProgramRun } from "../offline/program";
import type { RecordedResource } from "../offline/monitor";
import type { Step } from "../offline/deployment";
import { hasInstanceStore, INSTANCE_STORE_NOTE } from "../offline/lifecycle-rules";
import type { StackState, StateResource } from "../offline/state";
import type { AwsModel } from "../offline/aws-model";
import type { OfflineFacts } from "../offline/facts";
import { hasSdkSignature } from "../offline/sdk-shims";

export const USAGE = "usage: npm run -s plan -- [--stack NAME|ORG/NAME|ORG/PROJECT/NAME] [--config-file FILE] [--state FILE] [--write-state FILE] [--out FILE] [--policy-config FILE] [--facts FILE] [--details] [--no-policy] [--root DIR]";
const ROOT = path.resolve(__dirname, "..");

/** Replaces the values at the given paths (`userData`, `a.b`, `list[0]`) with the secret marker. */
export function maskPaths(value: Record<string, unknown>, paths: string[]): Record<string, unknown> {
    const copy = structuredClone(value);
    for (const p of paths) {
        if (p === "") {
            return Object.fromEntries(Object.keys(copy).map(k => [k, SECRET_PLACEHOLDER]));
        }
        const parts = p.replace(/\[(\d+)\]/g, ".$1").split(".");
        let node: Record<string, unknown> | undefined = copy;
        for (const part of parts.slice(0, -1)) {
            node = node?.[part] as Record<string, unknown> | undefined;
        }
        if (node && parts[parts.length - 1] in node) {
            node[parts[parts.length - 1]] = SECRET_PLACEHOLDER;
        }
    }
    return copy;
}

/** Stack outputs with every secret (anywhere in the value) replaced by the marker. */
export function maskOutputs(raw: unknown): unknown {
    if (Array.isArray(raw)) {
        return raw.map(maskOutputs);
    }
    if (raw && typeof raw === "object") {
        if (hasSdkSignature(raw)) {
            return SECRET_PLACEHOLDER;
        }
        return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, maskOutputs(v)]));
    }
    return raw;
}

export function toPlanResource(r: RecordedResource): PlanResource {
    return {
        urn: r.urn,
        type: r.type,
        name: r.name,
        custom: r.custom,
        parent: r.parent ?? null,
        dependencies: r.dependencies,
        inputs: maskPaths(r.inputs, r.secretInputs),
        options: { ...r.options },
    };
}

/** The provider the engine would use for a resource type, with its configuration (region, default tags). */
export function defaultProvider(type: string, stack: string, project: string, config: Record<string, string>): PolicyResource["provider"] {
    const pkg = packageOf(type);
    return defaultProviderResource(pkg, stack, project, providerProperties(pkg, config));
}

/**
 * The default providers' configuration for the plan file: one entry per package of the program's custom resources,
 * as the policies get it (secret values as "[secret]"). policy:check gives the same to the policies.
 */
export function planProviders(run: ProgramRun, config: Record<string, string>): PlanProviders {
    const packages = [...new Set(run.resources.filter(r => r.custom).map(r => packageOf(r.type)))].sort();
    return Object.fromEntries(packages.map(pkg => [pkg, providerProperties(pkg, config)]));
}

/** What the policies see of a value the stack holds encrypted ("[secret]"): unknown, as policy:check passes it. */
function unknownSecrets(v: unknown): unknown {
    if (v === SECRET_PLACEHOLDER) return UNKNOWN_SENTINEL;
    if (Array.isArray(v)) return v.map(unknownSecrets);
    if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, unknownSecrets(x)]));
    return v;
}

/** The default provider as the policies get it: a value the stack holds encrypted is unknown, as in policy:check. */
function policyProvider(type: string, stack: string, project: string, config: Record<string, string>): PolicyResource["provider"] {
    const p = defaultProviderResource(packageOf(type), stack, project, providerProperties(packageOf(type), config));
    return { ...p, properties: unknownSecrets(p.properties) as Record<string, unknown> };
}

export function toPolicyResources(run: ProgramRun, stack: string, project: string, config: Record<string, string>): PolicyResource[] {
    return run.resources.filter(r => r.custom).map(r => ({
        urn: r.urn,
        type: r.type,
        name: r.name,
        properties: r.inputs,
        parent: r.parent,
        dependencies: r.dependencies,
        // How a stack policy matches an attachment to its Auto Scaling group when the group's name is not an input.
        propertyDependencies: r.propertyDependencies,
        options: {
            protect: r.options.protect,
            ignoreChanges: r.options.ignoreChanges,
            deleteBeforeReplace: r.options.deleteBeforeReplace,
            additionalSecretOutputs: r.options.additionalSecretOutputs,
            parent: r.parent,
        },
        provider: policyProvider(r.type, stack, project, config),
    }));
}

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

export function renderPolicy(policies: { name: string; enforcementLevel: EnforcementLevel }[], diagnostics: PolicyDiagnostic[]): string {
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

/** The diffs of a step with secret values masked. */
function planDiffs(step: Step): PlanResource["diffs"] {
    const secret = new Set(step.secretInputs.map(p => p.split(/[.[]/)[0]));
    return step.diffs.map(d => {
        const masked = secret.has(d.path.split(/[.[]/)[0]);
        const out: NonNullable<PlanResource["diffs"]>[number] = { path: d.path, kind: d.kind, replaces: d.replaces };
        if (d.kind !== "add") {
            out.old = masked ? SECRET_PLACEHOLDER : maskOutputs(d.old);
        }
        if (d.kind !== "delete") {
            out.new = masked ? SECRET_PLACEHOLDER : d.new;
        }
        if (d.source) {
            out.source = d.source;
        }
        return out;
    });
}

/** A resource the program no longer registers, as a plan resource with op "delete". */
function deletedResource(r: StateResource, step: Step | undefined): PlanResource {
    return {
        urn: r.urn, type: r.type, name: r.urn.split("::").pop() ?? r.urn, custom: r.custom, parent: r.parent ?? null,
        dependencies: r.dependencies, inputs: maskOutputs(r.inputs) as Record<string, unknown>,
        options: { protect: r.protect, retainOnDelete: r.retainOnDelete, deleteBeforeReplace: r.deleteBeforeReplace ?? false, ignoreChanges: r.ignoreChanges ?? [], replaceOnChanges: r.replaceOnChanges ?? [], additionalSecretOutputs: r.additionalSecretOutputs ?? [] },
        op: "delete", diffs: [], notes: step?.notes ?? [],
    };
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

/** Evaluates a stack offline, checks it against the pack and renders the preview. Never throws for bad config. */
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
    // What the config alone shows is wrong stops the plan here, before the pack or the SDK starts (about 50 ms
    // instead of 0.6 s and a pack process); what needs AWS (an AMI, an adopted subnet) the program checks below.
    const { ConfigError, configFromKeys } = await import("../config");
    try {
        configFromKeys(stackConfig.config, key => stackConfig.secretKeys.includes(key));
    } catch (err) {
        if (err instanceof ConfigError) {
            return { code: 2, stdout: "", stderr: `${err.message}\n` };
        }
        throw err;
    }
    const { PolicyPackProcess } = await import("../offline/policy/pack");
    // The pack starts (and compiles) while the program is evaluated.
    const ownPack = !opts.noPolicy && !opts.pack;
    const packStart: Promise<PolicyPackProcess> | undefined = opts.noPolicy ? undefined : opts.pack ? Promise.resolve(opts.pack) : PolicyPackProcess.start();
    packStart?.catch(() => undefined);
    try {
        const { runProgram, ProgramError } = await import("../offline/program");
        const stack = stackConfig.stack;
        let state: StackState | undefined;
        if (opts.state) {
            state = readState(opts.state, stack, stackConfig.project);
        }
        let run: ProgramRun;
        try {
            run = await runProgram({ stack, organization: stackConfig.organization, config: stackConfig.config, secretKeys: stackConfig.secretKeys, project: stackConfig.project, state: state?.resources, model: await planModel(stackConfig.config, opts.facts, state?.resources) });
        } catch (err) {
            const cause = err instanceof ProgramError ? err.cause : err;
            return { code: 2, stdout: "", stderr: `${cause instanceof ConfigError ? cause.message : `error: ${(cause as Error).message}`}\n` };
        }
        const region = stackConfig.config["aws:region"];
        const steps = new Map(run.deployment.steps.map(s => [s.urn, s]));
        const resources = run.resources.map(r => {
            const p = toPlanResource(r);
            const step = steps.get(r.urn);
            if (state && step) {
                p.op = step.op;
                p.diffs = planDiffs(step);
                p.notes = step.notes;
            }
            return p;
        });
        if (state) {
            for (const r of state.resources) {
                const step = steps.get(r.urn);
                if (step?.op === "delete") {
                    resources.push(deletedResource(r, step));
                }
            }
        }
        const outputs = maskOutputs(run.rawOutputs) as Record<string, unknown>;
        const out: string[] = [];
        out.push(`Previewing ${stackConfig.project}/${stack} offline (Pulumi SDK mock runtime + the AWS model, ${region}); values such as ids and addresses come from the model.`, "");
        out.push(renderTree(resources, opts.details === true), "");
        out.push("Outputs:", renderOutputs(outputs), "");
        const stores = resources.filter(r => r.type === "aws:ec2/instance:Instance" && r.op !== "delete" && hasInstanceStore(r.inputs.instanceType));
        if (stores.length > 0) {
            out.push("Instance store:", ...stores.map(r => `    ${r.name} (${r.inputs.instanceType}) has NVMe instance storage: ${INSTANCE_STORE_NOTE}. Keep data on EBS (rootVolume, dataVolumes).`), "");
        }
        if (state) {
            out.push(summarise(resources), "");
        } else {
            out.push(`Resources:\n    + ${resources.length} to create (${resources.filter(r => r.custom).length} AWS/TLS resources, ${resources.filter(r => !r.custom).length} components and stack)`, "");
        }
        const { renderNotVerified } = await import("../offline/facts");
        const assumptions = run.model.assumptions;
        if (assumptions.length > 0) {
            out.push(renderNotVerified(assumptions), "");
        }
        const unverified = run.deployment.steps.flatMap(s => s.unverified.map(p => `${s.urn.split("::").pop()}.${p}`));
        if (unverified.length > 0) {
            out.push(`Not compared offline (the state holds them encrypted; assumed unchanged): ${unverified.join(", ")}`, "");
        }
        const refusals = run.deployment.refusals;
        if (refusals.length > 0) {
            out.push(`Refused: ${refusals.length} operation(s) that AWS or the Pulumi engine would refuse; \`pulumi up\` would fail:`);
            for (const f of refusals) {
                out.push(`    ${f.urn.split("::").pop()}: ${f.message.replace(/\n/g, "\n        ")}`, `        (${f.source})`);
            }
            out.push("");
        }

        let policy: Plan["policy"] = null;
        let blocked = false;
        if (packStart) {
            const pack = await packStart;
            const levels = await pack.configure(opts.policyConfig ?? {});
            const policyResources = toPolicyResources(run, stack, stackConfig.project, stackConfig.config);
            const diagnostics: PolicyDiagnostic[] = [];
            for (const r of policyResources) {
                diagnostics.push(...(await pack.analyze(r)));
            }
            diagnostics.push(...(await pack.analyzeStack(policyResources)));
            const policies = Object.entries(levels).map(([name, enforcementLevel]) => ({ name, enforcementLevel }));
            out.push(renderPolicy(policies, diagnostics));
            policy = {
                policies,
                diagnostics: diagnostics.map(d => ({ policyName: d.policyName, ...(d.urn ? { urn: d.urn } : {}), enforcementLevel: d.enforcementLevel, message: d.message })),
            };
            blocked = hasMandatory(diagnostics);
        } else {
            out.push("Policies: not run (--no-policy)");
        }
        const plan: Plan = {
            version: 1, project: stackConfig.project, stack, region, resources, outputs, policy,
            ...(assumptions.length > 0 ? { notVerified: assumptions } : {}),
            providers: planProviders(run, stackConfig.config),
        };
        // Written together at the end: a run that fails leaves neither file, written or half-written.
        const files: { file: string; text: string }[] = [];
        if (opts.writeState) {
            const { buildState, toStackExport } = await import("../offline/state");
            const written = buildState({
                stack, project: stackConfig.project, config: stackConfig.config, resources: run.deployment.afterRefresh(), stackOutputs: run.rawOutputs,
                providerVersions: providerVersions(),
            });
            const pulumiVersion = (require("@pulumi/pulumi/package.json") as { version: string }).version;
            files.push({ file: opts.writeState, text: `${JSON.stringify(toStackExport(written, { pulumiVersion, time: new Date().toISOString() }), null, 2)}\n` });
        }
        if (opts.out) {
            files.push({ file: opts.out, text: `${JSON.stringify(plan, null, 2)}\n` });
        }
        writeFilesAtomic(files);
        if (opts.writeState) {
            out.push("", `State after \`pulumi up\` + \`pulumi refresh\` (as modelled) written to ${opts.writeState}`);
        }
        if (run.deployment.refusals.length > 0) {
            blocked = true;
        }
        if (opts.out) {
            out.push("", `Plan written to ${opts.out}`);
        }
        return { code: blocked ? 1 : 0, stdout: `${out.join("\n")}\n`, stderr: "", plan };
    } finally {
        if (ownPack && packStart) {
            await packStart.then(p => p.close(), () => undefined);
        }
    }
}

/** The files a plan run writes, by the option that names them. */
function planOutputs(opts: { out?: string; writeState?: string }): PathOption[] {
    return [
        ...(opts.out !== undefined ? [{ option: "--out", file: opts.out }] : []),
        ...(opts.writeState !== undefined ? [{ option: "--write-state", file: opts.writeState }] : []),
    ];
}

/**
 * The plan's AWS model: open-world (an id it cannot see is assumed, and listed under "Not verified offline"),
 * told the facts of --facts and of the deployed state (which wins: it is what AWS reported). Undefined without a
 * region (runProgram reports it).
 */
async function planModel(config: Record<string, string>, facts: OfflineFacts | undefined, state: StateResource[] | undefined): Promise<AwsModel | undefined> {
    const region = config["aws:region"];
    if (!region) {
        return undefined;
    }
    const { AwsModel } = await import("../offline/aws-model");
    const f = await import("../offline/facts");
    return new AwsModel({ region, facts: f.mergeFacts(facts ?? f.emptyFacts(), f.factsFromState(state ?? [])), openWorld: f.openWorldFromConfig(config) });
}

/** The versions of the provider SDKs installed (what a real `pulumi up` would record for the default providers). */
function providerVersions(): Record<string, string> {
    const version = (pkg: string) => (require(`@pulumi/${pkg}/package.json`) as { version: string }).version;
    return { aws: version("aws"), tls: version("tls") };
}

/** Reads a stack export for this stack and project; InputError (exit 2) on anything else. */
function readState(file: string, stack: string, project: string): StackState {
    const { parseStackExport } = require("../offline/state") as typeof import("../offline/state");
    let doc: unknown;
    try {
        doc = JSON.parse(fs.readFileSync(file, "utf8"));
    } catch (err) {
        throw new InputError(`cannot read state ${file}: ${(err as Error).message}`);
    }
    let state: StackState;
    try {
        state = parseStackExport(doc, file);
    } catch (err) {
        throw new InputError((err as Error).message);
    }
    const other = state.resources.find(r => !r.urn.startsWith(`urn:pulumi:${stack}::${project}::`));
    if (other) {
        throw new InputError(`state ${file} is not of stack ${project}/${stack}: it holds ${other.urn}`);
    }
    return state;
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
        const { readFactsFile } = await import("../offline/facts");
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
