/**
 * AWS's side of day 2: what a later read reports (read-back), what an in-place update does, what AWS (or the Pulumi
 * engine) refuses on delete, and what a replacement or a delete does to data. The engine's part of each rule is here;
 * each type's part is in its module (offline/aws/registry.ts). Used by offline/deployment.ts, the simulated provider
 * and plan:diff. Each rule names its source; the list `READ_BACK_RULES_DOC` is what the README and the closing notes
 * cite.
 */
import { AwsRejection } from "./aws/errors";
import { AWS_TYPES, awsType } from "./aws/registry";
import type { ReadBackRule, Refusal, WorldFacts } from "./aws/type";
import { RESOURCE_KINDS } from "./force-new";
import { pathsOverlap, parsePath, PathSegment } from "./paths";
import type { StateResource } from "./state";
import { deepEqual } from "../lib/values";

export { AwsRejection };
export type { WorldFacts };
export { awsManagedEbsKeyArn } from "./aws/ebs/volume";
export { userDataHash } from "./aws/ec2/instance";
export { hasInstanceStore, INSTANCE_STORE_NOTE } from "./aws/ec2/instance-store";
export { attachmentStopsServer } from "./aws/ec2/volume-attachment";

/** The read-back rules the model applies, with their sources (one line each, for docs and notes), type by type. */
export const READ_BACK_RULES_DOC: ReadBackRule[] = [
    ...AWS_TYPES.flatMap(t => (t.readBackRules ?? []).map(rule => ({ type: t.token, ...rule }))),
    { type: "(every tagged type)", property: "tagsAll", rule: "the provider's defaultTags merged with the resource's own tags", source: "terraform-provider-aws internal/provider/intercept.go + internal/tags (transparent tagging: tags_all)" },
];

/** Properties compared as JSON policy documents (equivalent documents show no diff). */
const POLICY_DOCUMENTS = new Set(["assumeRolePolicy", "policy"]);

function canonicalJson(text: string): string | undefined {
    const sort = (v: unknown): unknown => Array.isArray(v) ? v.map(sort)
        : v && typeof v === "object" ? Object.fromEntries(Object.keys(v).sort().map(k => [k, sort((v as Record<string, unknown>)[k])])) : v;
    try {
        return JSON.stringify(sort(JSON.parse(text)));
    } catch {
        return undefined;
    }
}

/** Equality as the provider decides it (user data against its stored hash, equivalent policy JSON, numbers and their string forms). */
export function normalisedEqual(type: string, path: string, a: unknown, b: unknown): boolean {
    if (deepEqual(a, b)) {
        return true;
    }
    const own = awsType(type)?.equivalent?.(path, a, b);
    if (own !== undefined) {
        return own;
    }
    if (POLICY_DOCUMENTS.has(path) && typeof a === "string" && typeof b === "string") {
        const ca = canonicalJson(a);
        return ca !== undefined && ca === canonicalJson(b);
    }
    if ((typeof a === "number" && typeof b === "string") || (typeof a === "string" && typeof b === "number")) {
        return String(a) === String(b);
    }
    return false;
}

/** The source of the force-new row that covers a changed path (undefined when the change is in place). */
export function forceNewHitsFor(type: string, segs: PathSegment[], base: Record<string, unknown>, head: Record<string, unknown>): string | undefined {
    const kind = RESOURCE_KINDS[type];
    if (!kind) {
        return undefined;
    }
    for (const rule of kind.forceNew) {
        if (rule.condition && !rule.condition.holds(base, head)) {
            continue;
        }
        if (rule.project) {
            if (!deepEqual(rule.project(base), rule.project(head))) {
                return rule.source;
            }
            continue;
        }
        // A change at `a.b` is covered by a rule at `a.b`, at `a` (the whole block), or at `a.b.c` (inside it).
        if (pathsOverlap(parsePath(rule.path), segs)) {
            return rule.source;
        }
    }
    return undefined;
}

/**
 * What the provider's Read reports for a resource, given everything else that exists. Applied after create
 * (the provider's Create ends with a Read) and by a refresh. Returns new outputs.
 */
export function readBack(r: StateResource, world: StateResource[], w: WorldFacts): Record<string, unknown> {
    const out: Record<string, unknown> = structuredClone(r.outputs);
    const type = awsType(r.type);
    // Types whose provider schema has no `tags`/`tags_all` say so (`untagged`).
    if (r.custom && r.type.startsWith("aws:") && !type?.untagged) {
        const tags = (out.tags ?? {}) as Record<string, string>;
        out.tagsAll = { ...w.defaultTags, ...tags };
    }
    type?.readBack?.(out, r, world, w);
    return out;
}

/**
 * The bridge's Read also refreshes the INPUTS of the properties the program set, from what it read
 * (pulumi-terraform-bridge pkg/tfbridge/provider.go Read → extractInputsFromOutputs).
 */
export function refreshInputs(inputs: Record<string, unknown>, outputs: Record<string, unknown>): Record<string, unknown> {
    // The input's shape is kept: an object input takes the read value of each key it already had.
    const extract = (input: unknown, output: unknown): unknown => {
        if (output === undefined) {
            return input;
        }
        if (input && typeof input === "object" && !Array.isArray(input) && output && typeof output === "object" && !Array.isArray(output)) {
            return Object.fromEntries(Object.entries(input).map(([k, v]) => [k, extract(v, (output as Record<string, unknown>)[k])]));
        }
        return output;
    };
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(inputs)) {
        out[k] = k === "__defaults" ? v : extract(v, outputs[k]);
    }
    return out;
}

export interface UpdateOptions {
    /**
     * The engine's planned state of the properties the program does not set (Optional+Computed keep their state
     * value): the stack's state outputs. What the provider reads with d.Get during the update. @default old.outputs
     */
    planned?: Record<string, unknown>;
    /** The clock (a scheduled action's start time). @default the wall clock */
    now?: Date;
}

export interface UpdateEffect {
    /** What AWS does (shown in the plan). */
    notes: string[];
    /** New outputs after the update. */
    outputs: Record<string, unknown>;
}

/**
 * An in-place update as AWS performs it. Throws an AwsRejection for what AWS refuses at update time.
 * `changedPaths` lists the changed property paths.
 */
export function applyUpdate(old: StateResource, newInputs: Record<string, unknown>, changedPaths: string[], world: StateResource[], options: UpdateOptions = {}): UpdateEffect {
    const planned = options.planned ?? old.outputs;
    const outputs: Record<string, unknown> = { ...structuredClone(old.outputs), ...structuredClone(newInputs) };
    const changed = (p: string) => changedPaths.some(c => c === p || c.startsWith(`${p}.`) || c.startsWith(`${p}[`));
    const notes = awsType(old.type)?.update?.({ old, newInputs, changedPaths, changed, outputs, planned, world, now: options.now ?? new Date() }) ?? [];
    return { notes, outputs };
}

/** Why a resource cannot be deleted (by the engine or by AWS), or undefined. */
export function deleteRefusal(r: StateResource, world: StateResource[], deleting: Set<string>, replacing: boolean, newProtect = true): Refusal | undefined {
    // The engine lets a resource be unprotected and replaced in one update: it refuses only when both the state
    // and the program protect it (step_generator.go: `if new.Protect && old.Protect`).
    if (r.protect && (!replacing || newProtect)) {
        return replacing
            ? { message: `unable to replace resource "${r.urn}"\nas it is currently marked for protection. To unprotect the resource, remove the \`protect\` flag from the resource in your Pulumi program and run \`pulumi up\``, source: "pulumi/pulumi pkg/resource/deploy/step_generator.go (a protected resource's replacement fails at preview, before anything is created)" }
            : { message: `unable to delete resource "${r.urn}"\nas it is currently marked for protection. To unprotect the resource, either remove the \`protect\` flag from the resource in your Pulumi program or use the command:\n\`pulumi state unprotect ${r.urn}\``, source: "pulumi/pulumi pkg/resource/deploy/step.go DeleteStep.Apply" };
    }
    if (r.retainOnDelete) {
        return undefined;
    }
    return awsType(r.type)?.deleteRefusal?.(r, world, deleting);
}

/** What deleting a resource does to data and addresses (shown in the plan and plan:diff). */
export function deleteFate(r: StateResource): string | undefined {
    if (r.retainOnDelete) {
        return `retained: ${r.id} leaves the stack but stays in AWS (still billed); delete it in AWS or import it again`;
    }
    return awsType(r.type)?.deleteFate?.(r);
}

/** What a replacement does to data and addresses. */
export function replaceNotes(old: StateResource, news: Record<string, unknown>, deleteBeforeReplace: boolean, world: StateResource[]): string[] {
    const order = deleteBeforeReplace ? "deletes the old one first, then creates the new one" : "creates the new one, then deletes the old one";
    const notes = [`${order}`];
    const own = awsType(old.type)?.replaceNotes?.(old, news, world);
    if (own !== undefined) {
        notes.push(...own);
    } else {
        const fate = deleteFate(old);
        if (fate && !old.retainOnDelete) {
            notes.push(`the old one: ${fate}`);
        }
    }
    return notes;
}
