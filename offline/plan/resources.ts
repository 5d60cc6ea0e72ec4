/**
 * What a plan file says about each resource: the program's registrations (and the deployment's steps, against a state)
 * as plan resources with every secret masked, the default providers' configuration, and the resources the policy
 * pack is asked about.
 */
import type { Step } from "../deployment";
import type { RecordedResource } from "../monitor";
import type { PolicyResource } from "../policy/analyzer";
import { unmaskSecrets } from "../policy/resources";
import type { ProgramRun } from "../program";
import { hasSdkSignature } from "../sdk-shims";
import { replaceSecretPaths } from "../paths";
import { DESCEND, mapValue } from "../../lib/values";
import type { StateResource } from "../state";
import { defaultProviderResource, packageOf, PlanProviders, PlanResource, providerProperties, SECRET_PLACEHOLDER } from "./format";

/** Replaces the values at the given paths (`userData`, `a.b`, `list[0]`) with the secret marker. */
export function maskPaths(value: Record<string, unknown>, paths: string[]): Record<string, unknown> {
    return replaceSecretPaths(value, paths, () => SECRET_PLACEHOLDER);
}

/** Stack outputs with every secret (anywhere in the value) replaced by the marker. */
export function maskOutputs(raw: unknown): unknown {
    return mapValue(raw, v => (hasSdkSignature(v) ? SECRET_PLACEHOLDER : DESCEND));
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

/**
 * The default provider as the policies get it: a value the stack holds encrypted ("[secret]") is unknown, as
 * policy:check passes it (offline/policy/resources.ts unmaskSecrets).
 */
export function policyProvider(type: string, stack: string, project: string, config: Record<string, string>): PolicyResource["provider"] {
    const p = defaultProviderResource(packageOf(type), stack, project, providerProperties(packageOf(type), config));
    return { ...p, properties: unmaskSecrets(p.properties) as Record<string, unknown> };
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

/** The diffs of a step with secret values masked. */
export function planDiffs(step: Step): PlanResource["diffs"] {
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
export function deletedResource(r: StateResource, step: Step | undefined): PlanResource {
    return {
        urn: r.urn, type: r.type, name: r.urn.split("::").pop() ?? r.urn, custom: r.custom, parent: r.parent ?? null,
        dependencies: r.dependencies, inputs: maskOutputs(r.inputs) as Record<string, unknown>,
        options: { protect: r.protect, retainOnDelete: r.retainOnDelete, deleteBeforeReplace: r.deleteBeforeReplace ?? false, ignoreChanges: r.ignoreChanges ?? [], replaceOnChanges: r.replaceOnChanges ?? [], additionalSecretOutputs: r.additionalSecretOutputs ?? [] },
        op: "delete", diffs: [], notes: step?.notes ?? [],
    };
}
