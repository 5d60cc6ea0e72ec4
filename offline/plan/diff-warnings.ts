/**
 * The warnings of a plan diff (offline/plan/diff.ts): what a replacement, a removal or an in-place change does to a
 * resource's data, addresses and servers, for a reviewer.
 */
import { hasInstanceStore, INSTANCE_STORE_NOTE } from "../aws/ec2/instance-store";
import { ATTACHMENT, EIP, EIP_ASSOCIATION, GROUP, INSTANCE, LAUNCH_TEMPLATE, VOLUME } from "../aws/tokens";
import { ForceNewHit, RESOURCE_KINDS } from "../force-new";
import type { ChangedResource, ReplacementVerdict, ResourceRef, Warning } from "./diff";
import { PlanResource, renderValue } from "./format";

/** A force-new hit, or a replacement that cascades from another resource. */
export interface Hit extends ForceNewHit {
    cascadeFrom?: string;
}

export function ref(r: PlanResource): ResourceRef {
    return { urn: r.urn, type: r.type, name: r.name, custom: r.custom };
}

export function label(r: ResourceRef): string {
    return RESOURCE_KINDS[r.type]?.label ?? r.type;
}

export function describeHit(h: Hit): string {
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

export function replacementWarning(
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

export function removalWarning(base: Map<string, PlanResource>, r: PlanResource, removedUrns: Set<string>): Warning | undefined {
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

const LISTENER_TYPES = new Set(["aws:lb/listener:Listener", "aws:alb/listener:Listener"]);

/**
 * What in-place changes do to an Auto Scaling group and its load balancer: a launch template change makes a
 * new version, and the group (which points at `latestVersion`) rolls its servers by instance refresh; a size
 * change resizes the group; a listener change is applied in place (ModifyListener).
 */
export function groupWarnings(head: Map<string, PlanResource>, changed: ChangedResource[]): Warning[] {
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
