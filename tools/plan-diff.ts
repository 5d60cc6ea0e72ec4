// npm run -s plan:diff -- BASE.json HEAD.json [--markdown]
//
// Compares two offline plans (offline/plan/format.ts) of the same stack:
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
// - with --markdown: GitHub-flavoured Markdown for a PR comment, with a Mermaid graph of HEAD.
//
// Secrets: plans carry secrets as "[secret]". "[secret]" vs "[secret]" compares equal, so a
// secret input is never listed as changed unless its masked form changed (e.g. a value became
// secret). The one exception: when the property is force-new (e.g. userData with
// userDataReplaceOnChange), the diff cannot rule out a replacement, so it reports
// "secret value (cannot compare)" as a POSSIBLE replacement.
//
// Exit codes: 1 when the change holds something `pulumi up` would refuse, or HEAD has a mandatory policy
// violation that BASE does not have; 2 for usage errors or unreadable / invalid plans; 0 otherwise.
import { InputError, parseCli, readJsonFile, runCli, UsageError } from "./lib/cli";
import { applyUpdate, AwsRejection, deleteRefusal, hasInstanceStore, INSTANCE_STORE_NOTE } from "../offline/lifecycle-rules";
import { isStateSecret, parseStackExport, providerConfig, StateResource } from "../offline/state";
import { Plan, PlanPolicyDiagnostic, PlanResource, parsePlan, readPlanFile, SECRET_PLACEHOLDER, STACK_TYPE, UNKNOWN_SENTINEL } from "../offline/plan/format";
import { deepEqual, isRecord } from "../offline/values";
import { ForceNewHit, forceNewHits, RESOURCE_KINDS } from "../offline/force-new";
import { formatPath, parsePath, PathSegment, patternCovers, pathsOverlap } from "../offline/paths";

export const USAGE = "usage: npm run -s plan:diff -- BASE.json HEAD.json [--markdown]   (BASE: a plan file or a `pulumi stack export`)";

const INSTANCE = "aws:ec2/instance:Instance";
const VOLUME = "aws:ebs/volume:Volume";
const ATTACHMENT = "aws:ec2/volumeAttachment:VolumeAttachment";
const EIP = "aws:ec2/eip:Eip";
const EIP_ASSOCIATION = "aws:ec2/eipAssociation:EipAssociation";

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
// Value rendering (shared by text and markdown)

const MAX_VALUE_CHARS = 160;

/** Compact, bounded rendering of a value; never expands "[secret]". */
export function renderValue(v: unknown): string {
    if (v === undefined) return "(none)";
    if (v === UNKNOWN_SENTINEL) return "(unknown until apply)";
    if (v === SECRET_PLACEHOLDER) return "[secret]";
    const s = JSON.stringify(v, (_k, x: unknown) => (x === UNKNOWN_SENTINEL ? "(unknown)" : x)) ?? String(v);
    return s.length > MAX_VALUE_CHARS ? `${s.slice(0, MAX_VALUE_CHARS)}… (${s.length} chars)` : s;
}

function describeChange(c: PropertyChange): string {
    if (c.kind === "added") return `${c.path}: added ${renderValue(c.after)}`;
    if (c.kind === "removed") return `${c.path}: removed (was ${renderValue(c.before)})`;
    return `${c.path}: ${renderValue(c.before)} → ${renderValue(c.after)}`;
}

// ---------------------------------------------------------------------------------------------
// Diff

interface Hit extends ForceNewHit {
    cascadeFrom?: string;
}

function ref(r: PlanResource): ResourceRef {
    return { urn: r.urn, type: r.type, name: r.name, custom: r.custom };
}

function label(r: ResourceRef): string {
    return RESOURCE_KINDS[r.type]?.label ?? r.type;
}

function describeHit(h: Hit): string {
    const cond = h.condition ? `, because ${h.condition}` : "";
    if (h.cascadeFrom !== undefined) return `${h.path}: ${h.cascadeFrom}`;
    if (h.certainty === "secret") {
        return `${h.path}: secret value (cannot compare); if it changed, it forces replacement${cond} [${h.source}]`;
    }
    if (h.certainty === "unknown") {
        return `${h.path}: ${renderValue(h.before)} → value unknown until apply; a change forces replacement${cond} [${h.source}]`;
    }
    return `${h.path}: ${renderValue(h.before)} → ${renderValue(h.after)} forces replacement${cond} [${h.source}]`;
}

function dependentsOfType(plan: Map<string, PlanResource>, urn: string, type: string): PlanResource[] {
    return [...plan.values()].filter((r) => r.type === type && r.dependencies.includes(urn));
}

function dependencyOfType(plan: Map<string, PlanResource>, r: PlanResource, type: string): PlanResource | undefined {
    return r.dependencies.map((d) => plan.get(d)).find((d): d is PlanResource => d !== undefined && d.type === type);
}

/** What replacing (or terminating) an instance does to its disks, from the graph in `plan`. */
function instanceDataLines(plan: Map<string, PlanResource>, inst: PlanResource, replaced: Map<string, ReplacementVerdict>, removedUrns: Set<string>): string[] {
    const lines: string[] = [];
    if (hasInstanceStore(inst.inputs.instanceType)) {
        lines.push(`instance store (${inst.inputs.instanceType}): contents are LOST; ${INSTANCE_STORE_NOTE}`);
    }
    const root = inst.inputs.rootBlockDevice as Record<string, unknown> | undefined;
    const rootDeletes = root?.deleteOnTermination !== false;
    lines.push(
        rootDeletes
            ? "root volume: contents are LOST (rootBlockDevice.deleteOnTermination is true)"
            : "root volume: kept as a detached, unmanaged EBS volume (rootBlockDevice.deleteOnTermination is false); it is not re-attached",
    );
    const inline = Array.isArray(inst.inputs.ebsBlockDevices) ? (inst.inputs.ebsBlockDevices as Record<string, unknown>[]) : [];
    for (const d of inline) {
        const dev = typeof d.deviceName === "string" ? d.deviceName : "?";
        lines.push(
            d.deleteOnTermination === false
                ? `inline ebsBlockDevice ${dev}: kept as a detached, unmanaged EBS volume (deleteOnTermination is false)`
                : `inline ebsBlockDevice ${dev}: contents are LOST (deleteOnTermination)`,
        );
    }
    const attachments = dependentsOfType(plan, inst.urn, ATTACHMENT);
    for (const att of attachments) {
        const vol = dependencyOfType(plan, att, VOLUME);
        const volName = vol ? `"${vol.name}"` : "(unknown volume)";
        const retained = vol?.options.retainOnDelete ? "; retainOnDelete keeps it even if it leaves the program" : "";
        if (vol && replaced.get(vol.urn) === "replace") {
            lines.push(`data volume ${volName}: LOST, the volume itself is replaced (see its warning)`);
        } else if (vol && removedUrns.has(vol.urn)) {
            lines.push(`data volume ${volName}: removed from the program (see its warning)`);
        } else if (removedUrns.has(inst.urn)) {
            lines.push(`data volume ${volName}: SURVIVES, a separate EBS volume that is only detached${retained}`);
        } else {
            const dbr = att.options.deleteBeforeReplace
                ? ""
                : `; WARNING: attachment "${att.name}" lacks deleteBeforeReplace, so AWS may refuse to attach a volume that is still attached to the old instance`;
            lines.push(
                `data volume ${volName}: SURVIVES, a separate EBS volume detached from the old instance and re-attached to the new one by "${att.name}"${retained}${dbr}`,
            );
        }
    }
    for (const assoc of dependentsOfType(plan, inst.urn, EIP_ASSOCIATION)) {
        const eip = dependencyOfType(plan, assoc, EIP);
        const eipName = eip ? `"${eip.name}"` : "(unknown Elastic IP)";
        if (eip && (replaced.get(eip.urn) === "replace" || removedUrns.has(eip.urn))) {
            lines.push(`Elastic IP ${eipName}: changes too (see its warning)`);
        } else if (removedUrns.has(inst.urn)) {
            lines.push(`Elastic IP ${eipName}: SURVIVES, only disassociated`);
        } else {
            lines.push(`Elastic IP ${eipName}: SURVIVES, the address moves to the new instance by "${assoc.name}"`);
        }
    }
    if (attachments.length === 0 && rootDeletes && inline.length === 0) {
        lines.push("data volumes: none attached, so nothing on this instance's disks survives");
    }
    return lines;
}

function replacementWarning(
    head: Map<string, PlanResource>,
    r: PlanResource,
    hits: Hit[],
    verdict: "replace" | "possible",
    replaced: Map<string, ReplacementVerdict>,
    baseProtect: boolean,
): Warning {
    const kind = RESOURCE_KINDS[r.type];
    const stateful = kind?.stateful ?? false;
    const lines = hits.map(describeHit);
    if (baseProtect && r.options.protect) {
        lines.push(verdict === "replace"
            ? "protect: REFUSED, the state and the program both protect it (see REFUSED)"
            : "protect: if it is replaced, `pulumi up` refuses it (the state and the program both protect it)");
    } else if (r.options.protect) {
        lines.push("protect: set by this change; the engine refuses a replacement only when the state and the program both protect the resource, so this one goes ahead");
    } else if (baseProtect) {
        lines.push("protect: removed by this change, so the engine lets the replacement go ahead");
    }
    lines.push(
        r.options.deleteBeforeReplace
            ? "order: deleteBeforeReplace, so the old one is deleted before the new one is created"
            : "order: the new one is created first, then the old one is deleted",
    );
    if (r.options.retainOnDelete) {
        lines.push(`retainOnDelete: the old ${label(r)} is kept in AWS (and leaves Pulumi state) instead of being deleted`);
    }
    if (r.type === INSTANCE) {
        if (!r.options.retainOnDelete) lines.push(...instanceDataLines(head, r, replaced, new Set()));
    } else if (r.type === VOLUME) {
        lines.push(
            r.options.retainOnDelete
                ? "data: the old volume keeps its data in AWS but is no longer managed; the new volume starts empty (or from snapshotId)"
                : "data: the old volume and its data are DELETED; the new volume starts empty (or from snapshotId)",
        );
    } else if (r.type === EIP) {
        lines.push("address: a new Elastic IP is allocated, so the public IP address changes");
    }
    const what = `${stateful ? "stateful " : ""}${label(r)} "${r.name}" (${r.type})`;
    return {
        kind: verdict === "replace" ? "replace" : "possible-replace",
        urn: r.urn,
        type: r.type,
        name: r.name,
        stateful,
        severity: verdict === "replace" && stateful ? "danger" : "warning",
        headline: verdict === "replace" ? `REPLACE ${what}` : `POSSIBLE REPLACE ${what}`,
        lines,
    };
}

function removalWarning(base: Map<string, PlanResource>, r: PlanResource, removedUrns: Set<string>): Warning | undefined {
    const kind = RESOURCE_KINDS[r.type];
    if (!kind?.stateful) return undefined;
    const lines: string[] = [];
    let severity: Warning["severity"] = "danger";
    if (r.options.protect) lines.push("protect: REFUSED, `pulumi up` refuses to delete a protected resource (see REFUSED)");
    if (r.type === VOLUME) {
        if (r.options.retainOnDelete) {
            severity = "warning";
            lines.push("data: KEPT in AWS with its data (retainOnDelete) but no longer managed by Pulumi; delete it by hand when it is no longer needed");
        } else {
            lines.push("data: the volume and its data are DELETED");
        }
    } else if (r.type === INSTANCE) {
        if (r.options.retainOnDelete) {
            severity = "warning";
            lines.push("the instance keeps running in AWS (retainOnDelete) but is no longer managed by Pulumi");
        } else {
            lines.push("the instance is terminated");
            lines.push(...instanceDataLines(base, r, new Map(), removedUrns));
        }
    } else if (r.type === EIP) {
        if (r.options.retainOnDelete) {
            severity = "warning";
            lines.push("address: the Elastic IP stays allocated in AWS (retainOnDelete) but is no longer managed");
        } else {
            lines.push("address: the Elastic IP is released; the public IP address is lost");
        }
    }
    return {
        kind: "remove",
        urn: r.urn,
        type: r.type,
        name: r.name,
        stateful: true,
        severity,
        headline: `REMOVE stateful ${label(r)} "${r.name}" (${r.type})`,
        lines,
    };
}

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

// ---------------------------------------------------------------------------------------------
// Mermaid

/** Escapes text for a quoted Mermaid label (entity codes, no raw quotes / angle brackets). */
export function mermaidEscape(s: string): string {
    return s
        .replace(/[\r\n]+/g, " ")
        .replace(/#/g, "#35;")
        .replace(/"/g, "#quot;")
        .replace(/</g, "#lt;")
        .replace(/>/g, "#gt;");
}

function mermaidGraph(head: Plan, addedUrns: Set<string>, changed: ChangedResource[]): string {
    const ids = new Map(head.resources.map((r, i) => [r.urn, `n${i}`]));
    const status = new Map(changed.map((c) => [c.urn, c.replacement === "none" ? "changed" : "replaced"]));
    const lines = ["graph TD"];
    for (const r of head.resources) {
        const cls =
            addedUrns.has(r.urn) ? "added" : status.get(r.urn) ?? (r.type === STACK_TYPE ? "stack" : r.custom ? "" : "component");
        lines.push(`    ${ids.get(r.urn)}["${mermaidEscape(r.name)}<br/>${mermaidEscape(r.type)}"]${cls ? `:::${cls}` : ""}`);
    }
    for (const r of head.resources) {
        if (r.parent !== null && ids.has(r.parent)) lines.push(`    ${ids.get(r.parent)} --> ${ids.get(r.urn)}`);
    }
    for (const r of head.resources) {
        if (!r.custom) continue;
        for (const d of r.dependencies) {
            const dep = head.resources.find((x) => x.urn === d);
            if (dep && dep.custom && d !== r.parent) lines.push(`    ${ids.get(d)} -.-> ${ids.get(r.urn)}`);
        }
    }
    lines.push(
        "    classDef stack fill:#f6f8fa,stroke:#57606a",
        "    classDef component fill:#ddf4ff,stroke:#0969da,stroke-dasharray: 4 3",
        "    classDef added fill:#dafbe1,stroke:#1a7f37",
        "    classDef changed fill:#fff8c5,stroke:#9a6700",
        "    classDef replaced fill:#ffebe9,stroke:#cf222e,stroke-width:3px",
    );
    return lines.join("\n");
}

// ---------------------------------------------------------------------------------------------
// Rendering

const UNCHECKED = "replacement not checked: type not in the force-new table (offline/aws/registry.ts)";

/** A custom resource with input changes whose type the replacement table does not cover. */
function unchecked(c: ChangedResource): boolean {
    return c.custom && c.changes.length > 0 && RESOURCE_KINDS[c.type] === undefined;
}

function summaryLine(d: PlanDiff): string {
    const replaced = d.changed.filter((c) => c.replacement === "replace").length;
    const possible = d.changed.filter((c) => c.replacement === "possible").length;
    const parts = [
        `${d.added.length} to add`,
        `${d.changed.length} to change${replaced || possible ? ` (${replaced} replaced${possible ? `, ${possible} possibly replaced` : ""})` : ""}`,
        `${d.removed.length} to remove`,
    ];
    return parts.join(", ");
}

function policySummary(d: PlanDiff): string {
    if (!d.policy.evaluated) return "policy: not evaluated in HEAD plan";
    const mandatory = d.policy.head.filter((x) => x.enforcementLevel === "mandatory").length;
    const advisory = d.policy.head.filter((x) => x.enforcementLevel === "advisory").length;
    return `policy: ${d.policy.head.length} violation(s) (${mandatory} mandatory, ${advisory} advisory), ${d.policy.new.length} new, ${d.policy.resolved.length} resolved`;
}

/** The diff's one verdict: FAIL when `pulumi up` would refuse the change or HEAD adds a mandatory violation. */
export function verdictLine(d: PlanDiff): string {
    const fails = [
        ...(d.refusals.length > 0 ? [`${d.refusals.length} change(s) that \`pulumi up\` would refuse`] : []),
        ...(d.newMandatory.length > 0 ? [`${d.newMandatory.length} new mandatory policy violation(s)`] : []),
    ];
    return fails.length > 0 ? `FAIL: ${fails.join("; ")}` : "OK: no new mandatory policy violations";
}

/** True when the diff fails (exit 1). */
export function failed(d: PlanDiff): boolean {
    return d.refusals.length > 0 || d.newMandatory.length > 0;
}

export function renderText(d: PlanDiff): string {
    const out: string[] = [];
    out.push(`Plan diff for ${d.project}/${d.stack} (${d.region})`);
    out.push(`  ${summaryLine(d)}; ${d.refusals.length > 0 ? `${d.refusals.length} refused; ` : ""}${d.warnings.length} warning(s); ${policySummary(d)}`);
    if (d.baseRegion !== d.region) out.push(`  !! region changes from ${d.baseRegion} to ${d.region}: every resource is recreated elsewhere`);
    if (d.refusals.length > 0) {
        out.push("", `REFUSED: ${d.refusals.length} change(s) that the Pulumi engine or AWS would refuse; \`pulumi up\` would fail`);
        for (const f of d.refusals) {
            out.push(`  !! ${f.name}: ${f.message.replace(/\n/g, "\n     ")}`, `     (${f.source})`);
        }
    }
    if (d.warnings.length > 0) {
        out.push("", "WARNINGS");
        for (const w of d.warnings) {
            out.push(`  !! ${w.headline}`, `     ${w.urn}`);
            for (const l of w.lines) out.push(`     - ${l}`);
        }
    }
    if (d.added.length > 0) {
        out.push("", `ADDED (${d.added.length})`);
        for (const r of d.added) out.push(`  + ${r.type} "${r.name}"`);
    }
    if (d.changed.length > 0) {
        out.push("", `CHANGED (${d.changed.length})`);
        for (const c of d.changed) {
            const tag = c.replacement === "replace" ? " [REPLACE]" : c.replacement === "possible" ? " [POSSIBLE REPLACE]" : "";
            out.push(`  ~ ${c.type} "${c.name}"${tag}${unchecked(c) ? ` (${UNCHECKED})` : ""}`);
            for (const ch of c.changes) out.push(`      ${describeChange(ch)}`);
            for (const ch of c.optionChanges) out.push(`      (option) ${describeChange(ch)}`);
        }
    }
    if (d.ignored.length > 0) {
        out.push("", "IGNORED (ignoreChanges keeps the deployed value)");
        for (const r of d.ignored) out.push(`  = ${r.type} "${r.name}": ${r.paths.join(", ")}`);
    }
    if (d.removed.length > 0) {
        out.push("", `REMOVED (${d.removed.length})`);
        for (const r of d.removed) out.push(`  - ${r.type} "${r.name}"`);
    }
    if (d.outputs.length > 0) {
        out.push("", "OUTPUTS");
        for (const ch of d.outputs) out.push(`  ~ ${describeChange(ch)}`);
    }
    out.push("", "POLICY (HEAD)");
    if (!d.policy.evaluated) out.push("  not evaluated: the HEAD plan was written without the policy pack");
    else if (d.policy.head.length === 0) out.push("  no violations");
    for (const x of d.policy.head) {
        out.push(`  [${x.enforcementLevel}] ${x.policyName}${x.isNew ? " (NEW)" : ""}`);
        if (x.urn) out.push(`      ${x.urn}`);
        out.push(`      ${x.message.replace(/\n/g, "\n      ")}`);
    }
    for (const x of d.policy.resolved) out.push(`  resolved: [${x.enforcementLevel}] ${x.policyName}${x.urn ? ` ${x.urn}` : ""}`);
    out.push("");
    out.push(verdictLine(d));
    return `${out.join("\n")}\n`;
}

/** Inline code span that survives any backticks in the text. */
export function mdCode(s: string): string {
    const text = s.replace(/[\r\n]+/g, " ");
    const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
    const fence = "`".repeat(longest + 1);
    const pad = text.startsWith("`") || text.endsWith("`") ? " " : "";
    return `${fence}${pad}${text}${pad}${fence}`;
}

/** Escapes Markdown / HTML specials in prose. */
export function mdEscape(s: string): string {
    return s.replace(/[\\`*_[\]<>|#~]/g, (c) => `\\${c}`).replace(/\r?\n/g, " ");
}

function mdChange(c: PropertyChange): string {
    if (c.kind === "added") return `${mdCode(c.path)}: added ${mdCode(renderValue(c.after))}`;
    if (c.kind === "removed") return `${mdCode(c.path)}: removed (was ${mdCode(renderValue(c.before))})`;
    return `${mdCode(c.path)}: ${mdCode(renderValue(c.before))} → ${mdCode(renderValue(c.after))}`;
}

export function renderMarkdown(d: PlanDiff): string {
    const out: string[] = [];
    out.push(`### Plan diff: ${mdCode(`${d.project}/${d.stack}`)} (${mdCode(d.region)})`, "");
    out.push(`**${summaryLine(d)}** · ${d.warnings.length} warning(s) · ${policySummary(d)}`, "");
    if (d.refusals.length > 0) {
        out.push("> [!CAUTION]", `> **${d.refusals.length} change(s) that \`pulumi up\` would refuse**: the Pulumi engine or AWS refuses them before anything changes.`);
        for (const f of d.refusals) out.push(`> - ${mdCode(f.name)}: ${mdEscape(f.message)} (${mdEscape(f.source)})`);
        out.push("");
    }
    if (d.newMandatory.length > 0) {
        out.push("> [!CAUTION]", `> **${d.newMandatory.length} new mandatory policy violation(s)**: this change cannot be deployed as is.`, "");
    }
    if (d.baseRegion !== d.region) {
        out.push("> [!CAUTION]", `> Region changes from ${mdCode(d.baseRegion)} to ${mdCode(d.region)}: every resource is recreated.`, "");
    }
    for (const w of d.warnings) {
        out.push(w.severity === "danger" ? "> [!CAUTION]" : "> [!WARNING]");
        out.push(`> **${mdEscape(w.headline)}**  `, `> ${mdCode(w.urn)}`);
        for (const l of w.lines) out.push(`> - ${mdEscape(l)}`);
        out.push("");
    }
    out.push("#### Resources", "");
    if (d.added.length + d.changed.length + d.removed.length === 0) out.push("No resource changes.");
    for (const r of d.added) out.push(`- **added** ${mdCode(r.type)} ${mdCode(r.name)}`);
    for (const c of d.changed) {
        const tag = c.replacement === "replace" ? " **(replace)**" : c.replacement === "possible" ? " **(possible replace)**" : "";
        out.push(`- **changed** ${mdCode(c.type)} ${mdCode(c.name)}${tag}${unchecked(c) ? ` (${UNCHECKED})` : ""}`);
        for (const ch of c.changes) out.push(`  - ${mdChange(ch)}`);
        for (const ch of c.optionChanges) out.push(`  - option ${mdChange(ch)}`);
    }
    for (const r of d.removed) out.push(`- **removed** ${mdCode(r.type)} ${mdCode(r.name)}`);
    for (const r of d.ignored) {
        out.push(`- **ignored** ${mdCode(r.type)} ${mdCode(r.name)}: ${r.paths.map(mdCode).join(", ")} (ignoreChanges keeps the deployed value)`);
    }
    out.push("");
    if (d.outputs.length > 0) {
        out.push("#### Outputs", "");
        for (const ch of d.outputs) out.push(`- ${mdChange(ch)}`);
        out.push("");
    }
    out.push("#### Policy (HEAD)", "");
    if (!d.policy.evaluated) out.push("Not evaluated: the HEAD plan was written without the policy pack.");
    else if (d.policy.head.length === 0) out.push("No violations.");
    for (const x of d.policy.head) {
        const where = x.urn ? ` on ${mdCode(x.urn)}` : "";
        out.push(`- ${x.isNew ? "**NEW** " : ""}${mdCode(x.enforcementLevel)} **${mdEscape(x.policyName)}**${where}: ${mdEscape(x.message)}`);
    }
    for (const x of d.policy.resolved) {
        out.push(`- resolved: ${mdCode(x.enforcementLevel)} ${mdEscape(x.policyName)}${x.urn ? ` on ${mdCode(x.urn)}` : ""}`);
    }
    out.push("", "<details><summary>Resource graph (HEAD)</summary>", "", "```mermaid", d.mermaid, "```", "", "</details>", "");
    return out.join("\n");
}

// ---------------------------------------------------------------------------------------------
// CLI

const LAUNCH_TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";
const GROUP = "aws:autoscaling/group:Group";
const LISTENER_TYPES = new Set(["aws:lb/listener:Listener", "aws:alb/listener:Listener"]);

/**
 * What in-place changes do to an Auto Scaling group and its load balancer: a launch template change makes a
 * new version, and the group (which points at `latestVersion`) rolls its servers by instance refresh; a size
 * change resizes the group; a listener change is applied in place (ModifyListener).
 */
function groupWarnings(head: Map<string, PlanResource>, changed: ChangedResource[]): Warning[] {
    const out: Warning[] = [];
    const inPlace = changed.filter((c) => c.replacement === "none");
    for (const c of inPlace) {
        const h = head.get(c.urn);
        if (!h) continue;
        const paths = c.changes.map((x) => x.path);
        if (h.type === LAUNCH_TEMPLATE) {
            for (const g of [...head.values()].filter((x) => x.type === GROUP && x.dependencies.includes(h.urn))) {
                const refresh = g.inputs.instanceRefresh as { strategy?: string; preferences?: { minHealthyPercentage?: number } } | undefined;
                const pct = refresh?.preferences?.minHealthyPercentage;
                out.push({
                    kind: "in-place", urn: g.urn, type: g.type, name: g.name, stateful: false, severity: "warning",
                    headline: `${g.name}: rolling instance refresh (launch template "${h.name}" changed: ${paths.join(", ")})`,
                    lines: refresh
                        ? [
                            `the template gets a new version; the group points at its latestVersion and is updated in place, not replaced`,
                            `AWS replaces the servers a few at a time (instanceRefresh ${refresh.strategy ?? "Rolling"}), keeping at least ${pct ?? 90}% healthy; their root volumes go with them`,
                        ]
                        : ["the template gets a new version, but the group has no instanceRefresh: running servers keep the old one until they are replaced"],
                });
            }
        }
        if (h.type === GROUP) {
            const sizes = c.changes.filter((x) => ["minSize", "maxSize", "desiredCapacity"].includes(x.path));
            if (sizes.length > 0) {
                out.push({
                    kind: "in-place", urn: h.urn, type: h.type, name: h.name, stateful: false, severity: "warning",
                    headline: `${h.name}: resized in place (${sizes.map((x) => `${x.path} ${renderValue(x.before)} → ${renderValue(x.after)}`).join(", ")})`,
                    lines: [
                        "AWS launches or terminates servers to fit the new bounds; scale-in terminates the servers its termination policy picks, with their root volumes",
                        ...(h.options.ignoreChanges.includes("desiredCapacity") ? ["desiredCapacity is ignored after creation: the group (and its scaling policies) own the current size"] : []),
                    ],
                });
            }
        }
        if (LISTENER_TYPES.has(h.type)) {
            out.push({
                kind: "in-place", urn: h.urn, type: h.type, name: h.name, stateful: false, severity: "warning",
                headline: `${h.name}: listener modified in place (${paths.join(", ")})`,
                lines: ["ModifyListener: the load balancer keeps its address; clients see the new port, protocol or action at once"],
            });
        }
    }
    return out;
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
    const mask = (v: unknown): unknown => (isStateSecret(v) ? SECRET_PLACEHOLDER : Array.isArray(v) ? v.map(mask) : v && typeof v === "object" ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, mask(x)])) : v);
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
function readBase(file: string): Plan {
    const doc = readJsonFile(file);
    if (doc && typeof doc === "object" && (doc as Record<string, unknown>).deployment !== undefined) {
        return planFromStackExport(doc, file);
    }
    return parsePlan(doc, file);
}

export async function main(argv: string[]): Promise<number> {
    const { positionals, flags } = parseCli(argv, { booleans: ["markdown", "help"] });
    if (flags.help) {
        process.stdout.write(`${USAGE}\n`);
        return 0;
    }
    if (positionals.length !== 2) throw new UsageError("expected BASE.json and HEAD.json");
    const base = readBase(positionals[0]);
    const head = readPlanFile(positionals[1]);
    const diff = diffPlans(base, head);
    process.stdout.write(flags.markdown ? renderMarkdown(diff) : renderText(diff));
    return failed(diff) ? 1 : 0;
}

if (require.main === module) runCli(() => main(process.argv.slice(2)), USAGE);
