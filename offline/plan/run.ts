/**
 * The offline plan of a stack (what `npm run plan` prints and writes): the program (index.ts) evaluated by Pulumi's
 * own SDK in mock mode against the AWS model (offline/aws/), against a deployed state when one is given, the policy
 * pack in policy/ started as the CLI starts it and asked about every resource, and the plan file's content. Ids the
 * model cannot see are assumed to exist and recorded as not verified; `facts` (offline/facts.ts) say what they are.
 *
 * Light to load: a stack whose config alone is wrong stops before the pack or the SDK starts (the config check loads
 * only config/); the SDK, the model and the pack are loaded when the plan needs them.
 */
import * as fs from "node:fs";
import type { AwsModel } from "../aws/model";
import type { Assumption, OfflineFacts } from "../facts";
import { InputError } from "../input";
import { hasMandatory, PolicyDiagnostic } from "../policy/analyzer";
import type { PolicyConfigFile } from "../policy/config";
import type { PolicyPackProcess } from "../policy/pack";
import type { ProgramRun } from "../program";
import type { StackConfig } from "../stack-config";
import type { StackState, StateResource } from "../state";
import type { Plan } from "./format";
import { deletedResource, maskOutputs, planDiffs, planProviders, toPlanResource, toPolicyResources } from "./resources";

export interface PlanStackOptions {
    /** The stack's configuration (offline/stack-config.ts readStackConfig). */
    stackConfig: StackConfig;
    policyConfig?: PolicyConfigFile;
    /** Run without the policy pack. */
    noPolicy?: boolean;
    /** An already started pack (tests share one); otherwise one is started and closed. */
    pack?: PolicyPackProcess;
    /** A `pulumi stack export` file (or one `--write-state` wrote): plan against that deployed state. */
    state?: string;
    /** Also build the state a `pulumi up` + `pulumi refresh` would leave (as modelled). */
    writeState?: boolean;
    /** Facts about AMIs, subnets, groups and VPCs the model cannot see (offline/facts.ts). */
    facts?: OfflineFacts;
}

/** A refusal of the deployment: what AWS or the Pulumi engine would refuse, so `pulumi up` would fail. */
export interface PlanRefusal {
    urn: string;
    message: string;
    source: string;
}

export type PlanOutcome =
    /** The config alone is wrong, or the program stopped (a config error the lookups found, or another error). */
    | { kind: "error"; message: string }
    | PlannedStack;

export interface PlannedStack {
    kind: "planned";
    /** The plan file's content (its `policy` is null without the pack). */
    plan: Plan;
    /** True when planned against a deployed state. */
    againstState: boolean;
    /** What the model accepted without knowing it (also the plan's `notVerified`). */
    assumptions: Assumption[];
    /** `<name>.<path>` of the properties not compared offline (the state holds them encrypted). */
    unverified: string[];
    refusals: PlanRefusal[];
    /** A mandatory policy violation or a refusal: `pulumi up` would be blocked. */
    blocked: boolean;
    /** With `writeState`: the stack export after the modelled `pulumi up` + `pulumi refresh`. */
    stateExport?: Record<string, unknown>;
}

/** Evaluates a stack offline and checks it against the pack. Never throws for bad config. */
export async function planStack(opts: PlanStackOptions): Promise<PlanOutcome> {
    const { stackConfig } = opts;
    // What the config alone shows is wrong stops the plan here, before the pack or the SDK starts (about 50 ms
    // instead of 0.6 s and a pack process); what needs AWS (an AMI, an adopted subnet) the program checks below.
    const { ConfigError, configFromKeys } = await import("../../config");
    try {
        configFromKeys(stackConfig.config, key => stackConfig.secretKeys.includes(key));
    } catch (err) {
        if (err instanceof ConfigError) {
            return { kind: "error", message: err.message };
        }
        throw err;
    }
    // The pack starts (and compiles) while the program is evaluated.
    const ownPack = !opts.noPolicy && !opts.pack;
    // Its module loads first, so the pack process is spawned before the program's SDK starts loading.
    const packStart: Promise<PolicyPackProcess> | undefined = opts.noPolicy
        ? undefined
        : opts.pack ? Promise.resolve(opts.pack) : (await import("../policy/pack")).PolicyPackProcess.start();
    packStart?.catch(() => undefined);
    try {
        const { runProgram, ProgramError } = await import("../program");
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
            return { kind: "error", message: cause instanceof ConfigError ? cause.message : `error: ${(cause as Error).message}` };
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
        const assumptions = run.model.assumptions;
        const unverified = run.deployment.steps.flatMap(s => s.unverified.map(p => `${s.urn.split("::").pop()}.${p}`));
        const refusals = run.deployment.refusals;

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
            policy = {
                policies,
                diagnostics: diagnostics.map(d => ({ policyName: d.policyName, ...(d.urn ? { urn: d.urn } : {}), enforcementLevel: d.enforcementLevel, message: d.message })),
            };
            blocked = hasMandatory(diagnostics);
        }
        const plan: Plan = {
            version: 1, project: stackConfig.project, stack, region, resources, outputs, policy,
            ...(assumptions.length > 0 ? { notVerified: assumptions } : {}),
            providers: planProviders(run, stackConfig.config),
        };
        let stateExport: Record<string, unknown> | undefined;
        if (opts.writeState) {
            const { buildState, toStackExport } = await import("../state");
            const written = buildState({
                stack, project: stackConfig.project, config: stackConfig.config, resources: run.deployment.afterRefresh(), stackOutputs: run.rawOutputs,
                providerVersions: providerVersions(),
            });
            const pulumiVersion = (require("@pulumi/pulumi/package.json") as { version: string }).version;
            stateExport = toStackExport(written, { pulumiVersion, time: new Date().toISOString() });
        }
        if (refusals.length > 0) {
            blocked = true;
        }
        return { kind: "planned", plan, againstState: state !== undefined, assumptions, unverified, refusals, blocked, stateExport };
    } finally {
        if (ownPack && packStart) {
            await packStart.then(p => p.close(), () => undefined);
        }
    }
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
    const { AwsModel } = await import("../aws/model");
    const f = await import("../facts");
    return new AwsModel({ region, facts: f.mergeFacts(facts ?? f.emptyFacts(), f.factsFromState(state ?? [])), openWorld: f.openWorldFromConfig(config) });
}

/** The versions of the provider SDKs installed (what a real `pulumi up` would record for the default providers). */
function providerVersions(): Record<string, string> {
    const version = (pkg: string) => (require(`@pulumi/${pkg}/package.json`) as { version: string }).version;
    return { aws: version("aws"), tls: version("tls") };
}

/** Reads a stack export for this stack and project; InputError (exit 2) on anything else. */
function readState(file: string, stack: string, project: string): StackState {
    const { parseStackExport } = require("../state") as typeof import("../state");
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
