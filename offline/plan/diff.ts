// The plan diff (`npm run plan:diff`, rendered by tools/plan-diff.ts): compares two offline plans
// (offline/plan/format.ts) of the same stack, or a deployed stack's export with a plan:
// - added / removed / changed resources with property-level changes;
// - a loud warning for every change that makes AWS replace a resource (table and sources in
//   offline/force-new.ts), including replacements that cascade through references
//   (a replaced subnet replaces its instances, a replaced instance replaces its volume
//   attachments), with what happens to the data: root volume lost, separate data volumes
//   re-attached, retained volumes kept;
// - warnings for removed stateful resources (instances, volumes, Elastic IPs);
// - what the Pulumi engine or AWS would refuse (a protected resource deleted, or replaced while the state and the
//   program both protect it; a volume made smaller …): the same refusals, with the same messages, as
//   `plan --state` (offline/lifecycle-rules.ts deleteRefusal and applyUpdate);
// - HEAD's policy verdicts, marking those that are NEW against BASE (policyName + urn + message);
// - a Mermaid graph of HEAD (offline/plan/mermaid.ts), which the Markdown rendering (tools/plan-diff.ts) carries.
//
// Secrets: plans carry secrets as "[secret]". "[secret]" vs "[secret]" compares equal, so a
// secret input is never listed as changed unless its masked form changed (e.g. a value became
// secret). The one exception: when the property is force-new (e.g. userData with
// userDataReplaceOnChange), the diff cannot rule out a replacement, so it reports
// "secret value (cannot compare)" as a POSSIBLE replacement.
//
import { applyUpdate, AwsRejection, deleteRefusal } from "../lifecycle-rules";
import { hasInstanceStore, INSTANCE_STORE_NOTE } from "../aws/ec2/instance-store";
import { INSTANCE } from "../aws/tokens";
import { forceNewHits, RESOURCE_KINDS } from "../force-new";
import { InputError, readJsonFile } from "../input";
import { formatPath, parsePath, PathSegment, patternCovers, pathsOverlap } from "../paths";
import { isStateSecret, parseStackExport, providerConfig, StateResource } from "../state";
import { deepEqual, DESCEND, isRecord, mapValue } from "../../lib/values";
import { groupWarnings, Hit, label, ref, removalWarning, replacementWarning } from "./diff-warnings";
import { parsePlan, Plan, PlanPolicyDiagnostic, PlanResource, SECRET_PLACEHOLDER, STACK_TYPE } from "./format";
import { mermaidGraph } from "./mermaid";

export interface PropertyChange {
    path: string;
    kind: "added" | "removed" | "changed";
    before?: unknown;
    after?: unknown;
}

export interface ResourceRef {
    urn: string;
    type: string;
    name: string;
    custom: boolean;
}

export type ReplacementVerdict = "none" | "replace" | "possible";

export interface ChangedResource extends ResourceRef {
    changes: PropertyChange[];
    optionChanges: PropertyChange[];
    replacement: ReplacementVerdict;
}

/** Input changes that HEAD's ignoreChanges suppresses: Pulumi keeps the deployed value. */
export interface IgnoredChanges extends ResourceRef {
    paths: string[];
}

export interface Warning {
    /** "in-place": no replacement, but AWS does something a reviewer must know (an instance refresh, a stop/start). */
    kind: "replace" | "possible-replace" | "remove" | "in-place";
    urn: string;
    type: string;
    name: string;
    stateful: boolean;
    /** "danger" when data or an address is lost or the change is certain; "warning" otherwise. */
    severity: "danger" | "warning";
    headline: string;
    lines: string[];
}

/** A change the Pulumi engine or AWS refuses: `pulumi up` fails on it (at preview for the engine's refusals). */
export interface Refusal {
    urn: string;
    type: string;
    name: string;
    /** The engine's or AWS's own message. */
    message: string;
    /** Where that rule comes from. */
    source: string;
}

export interface PolicyDiff {
    /** false when HEAD was planned without the policy pack. */
    evaluated: boolean;
    head: (PlanPolicyDiagnostic & { isNew: boolean })[];
    new: PlanPolicyDiagnostic[];
    resolved: PlanPolicyDiagnostic[];
}

export interface PlanDiff {
    project: string;
    stack: string;
    region: string;
    baseRegion: string;
    added: ResourceRef[];
    removed: ResourceRef[];
    changed: ChangedResource[];
    ignored: IgnoredChanges[];
    outputs: PropertyChange[];
    warnings: Warning[];
    /** What `pulumi up` would refuse: the diff fails (exit 1) on any. */
    refusals: Refusal[];
    policy: PolicyDiff;
    newMandatory: PlanPolicyDiagnostic[];
    /** Mermaid `graph TD` source of HEAD's resource graph. */
    mermaid: string;
}

// ---------------------------------------------------------------------------------------------
// Generic value diff

function isPrimitive(v: unknown): boolean {
    return v === null || (typeof v !== "object" && typeof v !== "function");
}

function diffValues(before: unknown, after: unknown, path: PathSegment[], out: { path: PathSegment[]; change: PropertyChange }[]): void {
    if (deepEqual(before, after)) return;
    const push = (p: PathSegment[], kind: PropertyChange["kind"], b: unknown, a: unknown) => {
        const change: PropertyChange = { path: formatPath(p), kind };
        if (kind !== "added") change.before = b;
        if (kind !== "removed") change.after = a;
        out.push({ path: p, change });
    };
    if (before === undefined) return push(path, "added", before, after);
    if (after === undefined) return push(path, "removed", before, after);
    if (isRecord(before) && isRecord(after)) {
        const keys = [...Object.keys(before), ...Object.keys(after).filter((k) => !(k in before))];
        for (const k of keys) diffValues(before[k], after[k], [...path, k], out);
        return;
    }
    if (Array.isArray(before) && Array.isArray(after)) {
        if (before.length === after.length) {
            before.forEach((b, i) => diffValues(b, after[i], [...path, i], out));
            return;
        }
        if (before.every(isPrimitive) && after.every(isPrimitive)) return push(path, "changed", before, after);
        // Different lengths: match equal elements, report the rest as removed / added.
        const used = new Set<number>();
        const unmatchedBefore: number[] = [];
        before.forEach((b, i) => {
            const j = after.findIndex((a, k) => !used.has(k) && deepEqual(a, b));
            if (j >= 0) used.add(j);
            else unmatchedBefore.push(i);
        });
        for (const i of unmatchedBefore) push([...path, i], "removed", before[i], undefined);
        after.forEach((a, k) => {
            if (!used.has(k)) push([...path, k], "added", undefined, a);
        });
        return;
    }
    push(path, "changed", before, after);
}

/** Property-level differences between two input (or output) objects. */
export function diffProperties(before: Record<string, unknown>, after: Record<string, unknown>): PropertyChange[] {
    const out: { path: PathSegment[]; change: PropertyChange }[] = [];
    diffValues(before, after, [], out);
    return out.map((o) => o.change);
}

// ---------------------------------------------------------------------------------------------
// Diff

function diagKey(d: PlanPolicyDiagnostic): string {
    return JSON.stringify([d.policyName, d.urn ?? "", d.message]);
}

function diffPolicy(base: Plan, head: Plan): PolicyDiff {
    const baseDiags = base.policy?.diagnostics ?? [];
    const headDiags = head.policy?.diagnostics ?? [];
    const remaining = new Map<string, number>();
    for (const d of baseDiags) remaining.set(diagKey(d), (remaining.get(diagKey(d)) ?? 0) + 1);
    const headOut: PolicyDiff["head"] = headDiags.map((d) => {
        const k = diagKey(d);
        const n = remaining.get(k) ?? 0;
        if (n > 0) remaining.set(k, n - 1);
        return { ...d, isNew: n === 0 };
    });
    const headCount = new Map<string, number>();
    for (const d of headDiags) headCount.set(diagKey(d), (headCount.get(diagKey(d)) ?? 0) + 1);
    const resolved = baseDiags.filter((d) => {
        const k = diagKey(d);
        const n = headCount.get(k) ?? 0;
        if (n > 0) headCount.set(k, n - 1);
        return n === 0;
    });
    return {
        evaluated: head.policy !== null,
        head: headOut,
        new: headOut.filter((d) => d.isNew).map(({ isNew: _isNew, ...d }) => d),
        resolved,
    };
}

/**
 * A plan resource as offline/lifecycle-rules.ts sees a deployed one: what was last sent stands for what AWS
 * reports, and its name for its id (plans carry no ids), so the refusal rules of `plan --state` apply as they are.
 */
function asState(r: PlanResource): StateResource {
    return {
        urn: r.urn, type: r.type, id: r.name, custom: r.custom, inputs: r.inputs, outputs: r.inputs,
        parent: r.parent ?? undefined, dependencies: r.dependencies, propertyDependencies: {},
        protect: r.options.protect, retainOnDelete: r.options.retainOnDelete, deleteBeforeReplace: r.options.deleteBeforeReplace,
        ignoreChanges: r.options.ignoreChanges, replaceOnChanges: r.options.replaceOnChanges, additionalSecretOutputs: r.options.additionalSecretOutputs,
    };
}

/** What AWS refuses of an in-place update (a volume made smaller …), as `plan --state` applies it. */
function updateRefusal(base: PlanResource, head: PlanResource, changedPaths: string[]): { message: string; source: string } | undefined {
    try {
        applyUpdate(asState(base), head.inputs, changedPaths, []);
        return undefined;
    } catch (err) {
        if (err instanceof AwsRejection) return { message: err.message, source: err.source };
        throw err;
    }
}

/** Compares two plans of the same stack. Throws InputError if they are for different stacks. */
export function diffPlans(base: Plan, head: Plan): PlanDiff {
    if (base.project !== head.project || base.stack !== head.stack) {
        throw new InputError(`BASE is ${base.project}/${base.stack} but HEAD is ${head.project}/${head.stack}; compare plans of the same stack`);
    }
    const baseMap = new Map(base.resources.map((r) => [r.urn, r]));
    const headMap = new Map(head.resources.map((r) => [r.urn, r]));
    const added = head.resources.filter((r) => !baseMap.has(r.urn)).map(ref);
    const removedRes = base.resources.filter((r) => !headMap.has(r.urn));
    const removedUrns = new Set(removedRes.map((r) => r.urn));

    // Direct changes and force-new hits.
    const common = head.resources.filter((r) => baseMap.has(r.urn));
    const perResource = new Map<string, { changes: PropertyChange[]; optionChanges: PropertyChange[]; ignored: string[]; hits: Hit[] }>();
    for (const h of common) {
        const b = baseMap.get(h.urn) as PlanResource;
        const raw: { path: PathSegment[]; change: PropertyChange }[] = [];
        diffValues(b.inputs, h.inputs, [], raw);
        const ignores = h.options.ignoreChanges.map(parsePath);
        const changes: PropertyChange[] = [];
        const ignored: string[] = [];
        const changedPaths: PathSegment[][] = [];
        for (const { path, change } of raw) {
            if (ignores.some((p) => patternCovers(p, path))) ignored.push(change.path);
            else {
                changes.push(change);
                changedPaths.push(path);
            }
        }
        const optionChanges = diffProperties(
            b.options as unknown as Record<string, unknown>,
            h.options as unknown as Record<string, unknown>,
        );
        const hits: Hit[] = forceNewHits(h.type, b.inputs, h.inputs, h.options.ignoreChanges);
        for (const pattern of h.options.replaceOnChanges) {
            const p = parsePath(pattern);
            const touched = changedPaths.filter((c) => pathsOverlap(p, c));
            if (touched.length > 0 && !hits.some((x) => x.path === pattern && x.certainty === "certain")) {
                hits.push({
                    path: pattern,
                    before: undefined,
                    after: undefined,
                    source: "resource option replaceOnChanges",
                    certainty: "certain",
                    cascadeFrom: `changed (${touched.map(formatPath).join(", ")}) and is listed in the replaceOnChanges resource option`,
                });
            }
        }
        perResource.set(h.urn, { changes, optionChanges, ignored, hits });
    }

    // Verdicts, then cascades through references until nothing changes.
    const verdict = new Map<string, ReplacementVerdict>();
    const computeVerdict = (hits: Hit[]): ReplacementVerdict =>
        hits.some((x) => x.certainty === "certain") ? "replace" : hits.length > 0 ? "possible" : "none";
    for (const [urn, pr] of perResource) verdict.set(urn, computeVerdict(pr.hits));
    for (let changed = true; changed; ) {
        changed = false;
        for (const h of common) {
            const kind = RESOURCE_KINDS[h.type];
            if (!kind) continue;
            const pr = perResource.get(h.urn) as { hits: Hit[] };
            const ignores = h.options.ignoreChanges.map(parsePath);
            for (const rule of kind.references) {
                if (pr.hits.some((x) => x.path === rule.path)) continue;
                if (ignores.some((p) => patternCovers(p, parsePath(rule.path)))) continue;
                const target = h.dependencies
                    .map((d) => headMap.get(d))
                    .find((d) => d !== undefined && d.type === rule.targetType && (verdict.get(d.urn) ?? "none") !== "none");
                if (!target) continue;
                const tv = verdict.get(target.urn);
                const certain = tv === "replace" && rule.changesOnReplace === "always";
                const what = `refers to ${label(target)} "${target.name}", which ${tv === "replace" ? "is replaced" : "may be replaced"}`;
                const why =
                    rule.changesOnReplace === "always"
                        ? `${what}, so it ${tv === "replace" ? "gets" : "would get"} a new value`
                        : `${what}; it changes only if that name is generated (auto-named)`;
                pr.hits.push({
                    path: rule.path,
                    before: undefined,
                    after: undefined,
                    source: "cascade",
                    certainty: certain ? "certain" : "unknown",
                    cascadeFrom: why,
                });
                const nv = computeVerdict(pr.hits);
                if (nv !== verdict.get(h.urn)) {
                    verdict.set(h.urn, nv);
                    changed = true;
                }
            }
        }
    }

    const changedOut: ChangedResource[] = [];
    const ignoredOut: IgnoredChanges[] = [];
    const warnings: Warning[] = [];
    const refusals: Refusal[] = [];
    for (const h of common) {
        const pr = perResource.get(h.urn) as { changes: PropertyChange[]; optionChanges: PropertyChange[]; ignored: string[]; hits: Hit[] };
        const v = verdict.get(h.urn) ?? "none";
        if (pr.ignored.length > 0) ignoredOut.push({ ...ref(h), paths: pr.ignored });
        if (pr.changes.length === 0 && pr.optionChanges.length === 0 && v === "none") continue;
        changedOut.push({ ...ref(h), changes: pr.changes, optionChanges: pr.optionChanges, replacement: v });
        const base = baseMap.get(h.urn);
        if (v !== "none") warnings.push(replacementWarning(headMap, h, pr.hits, v, verdict, base?.options.protect ?? false));
        if (base && h.custom) {
            const refusal = v === "replace"
                ? deleteRefusal(asState(base), [], new Set(), true, h.options.protect)
                : v === "none" && pr.changes.length > 0 ? updateRefusal(base, h, pr.changes.map((c) => c.path)) : undefined;
            if (refusal) refusals.push({ urn: h.urn, type: h.type, name: h.name, ...refusal });
        }
        const stopStart = pr.changes.some((c) => c.path === "instanceType" || (c.path === "userData" && h.inputs.userDataReplaceOnChange !== true));
        if (v === "none" && h.type === INSTANCE && stopStart && (hasInstanceStore(base?.inputs.instanceType) || hasInstanceStore(h.inputs.instanceType))) {
            warnings.push({
                kind: "replace", urn: h.urn, type: h.type, name: h.name, stateful: true, severity: "danger",
                headline: `${h.name}: stopped and started in place (${String(base?.inputs.instanceType)} → ${String(h.inputs.instanceType)}): its instance store is wiped`,
                lines: [INSTANCE_STORE_NOTE, "EBS data (root and data volumes) is kept"],
            });
        }
    }
    const baseWorld = base.resources.filter((r) => r.custom).map(asState);
    for (const r of removedRes) {
        const w = removalWarning(baseMap, r, removedUrns);
        if (w) warnings.push(w);
        const refusal = r.custom || r.options.protect ? deleteRefusal(asState(r), baseWorld, removedUrns, false) : undefined;
        if (refusal) refusals.push({ urn: r.urn, type: r.type, name: r.name, ...refusal });
    }
    warnings.push(...groupWarnings(headMap, changedOut));

    const policy = diffPolicy(base, head);
    return {
        project: head.project,
        stack: head.stack,
        region: head.region,
        baseRegion: base.region,
        added,
        removed: removedRes.map(ref),
        changed: changedOut,
        ignored: ignoredOut,
        outputs: diffProperties(base.outputs, head.outputs),
        warnings,
        refusals,
        policy,
        newMandatory: policy.new.filter((d) => d.enforcementLevel === "mandatory"),
        mermaid: mermaidGraph(head, new Set(added.map((a) => a.urn)), changedOut),
    };
}

/**
 * A `pulumi stack export` as a plan: the resources the deployed stack holds, with the inputs it last sent and
 * its options; secrets (encrypted in the export) become "[secret]"; providers are left out.
 */
export function planFromStackExport(doc: unknown, source: string): Plan {
    let state;
    try {
        state = parseStackExport(doc, source);
    } catch (err) {
        throw new InputError((err as Error).message);
    }
    const resources = state.resources.filter((r) => !r.type.startsWith("pulumi:providers:"));
    const stackRes = resources.find((r) => r.type === STACK_TYPE) ?? resources[0];
    const parsed = stackRes ? /^urn:pulumi:(.+?)::(.+?)::/.exec(stackRes.urn) : null;
    if (!parsed) throw new InputError(`${source}: the stack export holds no resources`);
    const mask = (value: unknown): unknown => mapValue(value, v => (isStateSecret(v) ? SECRET_PLACEHOLDER : DESCEND));
    const region = providerConfig(state)["aws:region"] ?? "unknown";
    const known = new Set(resources.map((r) => r.urn));
    return {
        version: 1,
        project: parsed[2],
        stack: parsed[1],
        region,
        resources: resources.map((r) => ({
            urn: r.urn,
            type: r.type,
            name: r.urn.split("::").pop() ?? r.urn,
            custom: r.custom,
            parent: r.parent && known.has(r.parent) ? r.parent : null,
            dependencies: r.dependencies.filter((d) => known.has(d)),
            inputs: mask(r.inputs) as Record<string, unknown>,
            options: {
                protect: r.protect, retainOnDelete: r.retainOnDelete, deleteBeforeReplace: r.deleteBeforeReplace ?? false,
                ignoreChanges: r.ignoreChanges ?? [], replaceOnChanges: r.replaceOnChanges ?? [], additionalSecretOutputs: r.additionalSecretOutputs ?? [],
            },
        })),
        outputs: mask(stackRes?.outputs ?? {}) as Record<string, unknown>,
        policy: null,
    };
}

/** BASE: a plan file, or a `pulumi stack export` (what is deployed now). */
export function readPlanOrStackExport(file: string): Plan {
    const doc = readJsonFile(file);
    if (doc && typeof doc === "object" && (doc as Record<string, unknown>).deployment !== undefined) {
        return planFromStackExport(doc, file);
    }
    return parsePlan(doc, file);
}
