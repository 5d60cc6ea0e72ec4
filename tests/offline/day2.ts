/**
 * Day 2 for the engine's specs (deployment, lifecycle, lifecycle-rules, state, the AWS types): a stack's config, its
 * plan, the state a plan leaves, and what a plan against that state changes.
 */
import * as assert from "node:assert/strict";
import * as path from "node:path";
import type { AwsModel } from "../../offline/aws/model";
import type { Step } from "../../offline/deployment";
import { ProgramRun, runProgram } from "../../offline/program";
import { readStackConfig } from "../../offline/stack-config";
import { buildState, parseStackExport, StateResource, toStackExport } from "../../offline/state";

const ROOT = path.join(__dirname, "..", "..");

export interface Stack {
    stack: string;
    config: Record<string, string>;
    secretKeys: string[];
}

export function stackOf(stack: string, overrides: Record<string, string> = {}, secretKeys: string[] = []): Stack {
    const s = readStackConfig(ROOT, stack);
    return { stack, config: { ...s.config, ...overrides }, secretKeys: [...s.secretKeys, ...secretKeys] };
}

export function plan(s: Stack, state?: StateResource[], model?: AwsModel): Promise<ProgramRun> {
    return runProgram({ stack: s.stack, config: s.config, secretKeys: s.secretKeys, state, model });
}

const firstPlans = new Map<string, Promise<ProgramRun>>();

/**
 * A stack's first plan (no state, the default model), made once per stack and config in this file: most tests
 * start from the same few stacks, and a run depends only on them. Tests only read a run; the states they change
 * are new copies (stateOf).
 */
export function firstPlan(s: Stack): Promise<ProgramRun> {
    const key = JSON.stringify([s.stack, s.config, s.secretKeys]);
    let run = firstPlans.get(key);
    if (run === undefined) {
        run = plan(s);
        firstPlans.set(key, run);
    }
    return run;
}

/** The state a run leaves, written and read back as a `pulumi stack export` file. */
export function stateOf(s: Stack, run: ProgramRun, refreshed: boolean): StateResource[] {
    const resources = refreshed ? run.deployment.afterRefresh() : run.deployment.afterUp();
    const written = buildState({ stack: s.stack, project: "ec2-server", config: s.config, resources, stackOutputs: run.rawOutputs, providerVersions: { aws: "7.48.0", tls: "5.6.1" } });
    const file = JSON.parse(JSON.stringify(toStackExport(written, { pulumiVersion: "3.270.0", time: "2026-11-22T00:00:00.000Z" })));
    return parseStackExport(file, "state.json").resources;
}

/** Every step that is not "same", as "op name" lines. */
export function changes(run: ProgramRun): string[] {
    return run.deployment.steps.filter(s => s.op !== "same").map(s => `${s.op} ${s.urn.split("::").pop()}`);
}

export function step(run: ProgramRun, type: string, name: string): Step {
    const found = run.deployment.steps.find(s => s.type === type && s.name === name);
    assert.ok(found, `no step for ${type} ${name}`);
    return found;
}

export function byName(state: StateResource[], type: string, name: string): StateResource {
    const r = state.find(x => x.type === type && x.urn.endsWith(`::${name}`));
    assert.ok(r, `no ${type} ${name} in the state`);
    return r;
}
