/**
 * Runs the whole program (index.ts) under the Pulumi SDK's mock runtime with the AWS model, exactly as
 * `pulumi up` would evaluate it, and returns what was registered. Used by the program tests and by
 * `npm run plan`.
 */
// First, before anything loads the SDK: the engine's SDK shims (offline/sdk-shims.ts) defer its function serializer.
import { installMockMonitor, sdkSettings, skipSdkPromiseStackTraces, skipSdkSourcePositions } from "./sdk-shims";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { AwsModel } from "./aws/model";
import { RecordedResource, RecordingMonitor, isSecretValue, unwrap } from "./monitor";
import { Deployment } from "./deployment";
import type { StateResource } from "./state";

export const PROJECT = "ec2-server";
export const PROGRAM = path.resolve(__dirname, "..", "index.ts");

/**
 * Installs the recording monitor the way `pulumi.runtime.setMocks` installs the stock one (offline/sdk-shims.ts), with
 * the promise traces and source positions nobody reads offline skipped.
 */
export function installMocks(monitor: RecordingMonitor, project: string, stack: string, preview: boolean, organization?: string): void {
    skipSdkPromiseStackTraces();
    skipSdkSourcePositions();
    filterReportedRejections();
    installMockMonitor(monitor, project, stack, preview, organization);
}

export interface RunOptions {
    /** The stack's name (`prod`, also for an org-qualified `myorg/prod`): what `pulumi.getStack()` returns. */
    stack: string;
    /** The organization of an org-qualified stack (`myorg/prod`): what `pulumi.getOrganization()` returns. */
    organization?: string;
    /** Full config keys (`aws:region`, `ec2-server:instanceType`) to string values, as the CLI passes them. */
    config: Record<string, string>;
    /** Keys whose values are secrets (`pulumi config set --secret`). */
    secretKeys?: string[];
    /** Run as a preview. @default false */
    preview?: boolean;
    project?: string;
    program?: string;
    /** The AWS model to evaluate against (a test may prepare one). @default a new model of the stack's region */
    model?: AwsModel;
    /** The stack's state before this run (`pulumi stack export`): the run then plans against it. */
    state?: StateResource[];
}

/** The tags of `aws:defaultTags` (`{"tags": {...}}`), or {} when unset or not an object. */
export function defaultTagsOf(config: Record<string, string>): Record<string, string> {
    try {
        const parsed = JSON.parse(config["aws:defaultTags"] ?? "{}") as { tags?: Record<string, string> };
        return parsed && typeof parsed.tags === "object" && parsed.tags !== null ? parsed.tags : {};
    } catch {
        return {};
    }
}

export interface ProgramRun {
    model: AwsModel;
    /** The operations of this run (against the state, when one was given) and the world after it. */
    deployment: Deployment;
    resources: RecordedResource[];
    /** Stack outputs with secrets unwrapped. */
    outputs: Record<string, unknown>;
    /** Names of the stack outputs that are secret. */
    secretOutputs: string[];
    /** Stack outputs as the engine received them (secret markers intact). */
    rawOutputs: Record<string, unknown>;
}

export class ProgramError extends Error {
    constructor(public readonly cause: unknown, public readonly resources: RecordedResource[]) {
        super(cause instanceof Error ? cause.message : String(cause));
    }
}

/**
 * A failed program rejects its own promise (handled: runProgram throws ProgramError) and also leaves the SDK's
 * internal copies of that rejection unobserved, as under the real runtime, whose language host filters them.
 * This filters exactly the errors runProgram has already reported; any other unhandled rejection still crashes.
 */
const reportedErrors = new WeakSet<object>();
function onUnhandledRejection(reason: unknown): void {
    if (typeof reason === "object" && reason !== null && reportedErrors.has(reason)) {
        return;
    }
    // A resource the model rejected: the monitor recorded it and failOnRejections reports it.
    if (reason instanceof Error && reason.message.includes("failed to register new resource")) {
        return;
    }
    throw reason;
}
/**
 * Checked at every run, not once per process: a host may remove the process's listeners between runs (mocha's
 * parallel workers remove every `unhandledRejection` listener after each file), and without this one an
 * unexpected rejection in a later run would pass unnoticed instead of failing.
 */
function filterReportedRejections(): void {
    if (!process.listeners("unhandledRejection").includes(onUnhandledRejection)) {
        process.on("unhandledRejection", onUnhandledRejection);
    }
}

/** A resource the model rejected fails the run, as it fails a real deployment. */
function failOnRejections(monitor: RecordingMonitor): void {
    if (monitor.errors.length > 0) {
        const lines = monitor.errors.map(e => `${e.type} ${e.name}: ${e.message}`);
        throw new ProgramError(new Error(`AWS rejected ${lines.length} resource(s):\n${lines.join("\n")}`), monitor.records);
    }
}

/**
 * Runs `init` as the root stack's body, waits for every registration, and fails (ProgramError) when the body
 * threw or the model rejected a resource.
 */
async function evaluate(monitor: RecordingMonitor, init: () => Promise<Record<string, unknown>>): Promise<void> {
    try {
        await pulumi.runtime.runInPulumiStack(init);
        await sdkSettings().waitForRPCs();
    } catch (err) {
        if (typeof err === "object" && err !== null) {
            reportedErrors.add(err);
        }
        await sdkSettings().waitForRPCs().catch(() => undefined);
        throw new ProgramError(err, monitor.records);
    }
    failOnRejections(monitor);
}

/** Evaluates the program once. Throws ProgramError (with what was registered before the failure). */
export async function runProgram(opts: RunOptions): Promise<ProgramRun> {
    const project = opts.project ?? PROJECT;
    const region = opts.config["aws:region"];
    if (!region) {
        throw new Error("aws:region is not set; set it in the stack file (pulumi config set aws:region <region>)");
    }
    const model = opts.model ?? new AwsModel({ region });
    const deployment = new Deployment(model, { prior: opts.state, defaultTags: defaultTagsOf(opts.config) });
    const monitor = new RecordingMonitor(model, deployment);
    pulumi.runtime.setAllConfig(opts.config, opts.secretKeys ?? []);
    installMocks(monitor, project, opts.stack, opts.preview ?? false, opts.organization);

    const program = opts.program ?? PROGRAM;
    delete require.cache[require.resolve(program)];
    await evaluate(monitor, async () => {
        const exported = require(program);
        return typeof exported === "function" ? await exported() : exported;
    });
    deployment.finish();
    const rawOutputs = monitor.stackOutputs ?? {};
    const secretOutputs = Object.keys(rawOutputs).filter(k => isSecretValue(rawOutputs[k])).sort();
    return {
        model,
        deployment,
        resources: monitor.records,
        outputs: unwrap(rawOutputs) as Record<string, unknown>,
        secretOutputs,
        rawOutputs,
    };
}

/**
 * Evaluates `fn` (e.g. one component) inside a stack under the mocks, for component tests.
 * Returns the registered resources and whatever `fn` returned, resolved.
 */
export async function runInStack<T>(fn: () => T | Promise<T>, opts: { region?: string; stack?: string; config?: Record<string, string>; model?: AwsModel } = {}): Promise<{ model: AwsModel; resources: RecordedResource[]; result: T }> {
    const region = opts.model?.region ?? opts.region ?? "ap-northeast-2";
    const model = opts.model ?? new AwsModel({ region });
    const monitor = new RecordingMonitor(model);
    pulumi.runtime.setAllConfig({ "aws:region": region, ...(opts.config ?? {}) }, []);
    installMocks(monitor, PROJECT, opts.stack ?? "test", false);
    let result: T | undefined;
    await evaluate(monitor, async () => {
        result = await fn();
        return {};
    });
    return { model, resources: monitor.records, result: result as T };
}

/** The value of an Output (or plain value), for assertions. */
export function promiseOf<T>(o: pulumi.Input<T>): Promise<T> {
    return new Promise(resolve => pulumi.output(o).apply(v => { resolve(v as T); return v; }));
}
