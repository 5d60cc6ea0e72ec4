// Which input changes make AWS (through the Pulumi AWS provider) REPLACE a resource instead of updating it in place:
// the force-new table, assembled from the type modules (offline/aws/registry.ts; what the rows mean and where they
// come from: offline/aws/rows.ts), and its evaluation between two sets of inputs. plan-diff and the engine's diff
// (offline/lifecycle-rules.ts forceNewHitsFor) read it.
import { AWS_TYPES } from "./aws/registry";
import type { Inputs, ResourceKind } from "./aws/rows";
import { getPath, parsePath, patternCovers } from "./paths";
import { SECRET_PLACEHOLDER, UNKNOWN_SENTINEL } from "./plan/format";
import { deepEqual, someValue } from "../lib/values";

export type { ForceNewRule, Inputs, ReferenceRule, ResourceKind } from "./aws/rows";

/** The table, keyed by Pulumi resource type token: each type's rows are in its module (offline/aws/registry.ts). */
export const RESOURCE_KINDS: Record<string, ResourceKind> = Object.fromEntries(
    AWS_TYPES.flatMap(t => (t.kind ? [[t.token, t.kind]] : [])),
);

/** True if the value is or contains the "[secret]" placeholder. */
export function containsSecret(v: unknown): boolean {
    return someValue(v, (x) => x === SECRET_PLACEHOLDER);
}

/** True if the value is or contains the engine's unknown sentinel. */
export function containsUnknown(v: unknown): boolean {
    return someValue(v, (x) => x === UNKNOWN_SENTINEL);
}

// ---------------------------------------------------------------------------------------------
// Evaluation

export interface ForceNewHit {
    /** The table row's path (or the replaceOnChanges pattern). */
    path: string;
    before: unknown;
    after: unknown;
    source: string;
    /** "certain": values differ. "unknown": HEAD value unknown until apply. "secret": both masked, cannot compare. */
    certainty: "certain" | "unknown" | "secret";
    condition?: string;
}

/**
 * Force-new rows of the table whose value differs between BASE and HEAD inputs, skipping rows
 * covered by HEAD's ignoreChanges (Pulumi keeps the old value for those).
 */
export function forceNewHits(type: string, base: Inputs, head: Inputs, ignoreChanges: string[]): ForceNewHit[] {
    const kind = RESOURCE_KINDS[type];
    if (!kind) return [];
    const ignores = ignoreChanges.map(parsePath);
    const hits: ForceNewHit[] = [];
    for (const rule of kind.forceNew) {
        if (rule.condition && !rule.condition.holds(base, head)) continue;
        let before: unknown;
        let after: unknown;
        if (rule.project) {
            before = rule.project(base);
            after = rule.project(head);
        } else {
            const segs = parsePath(rule.path);
            if (ignores.some((p) => patternCovers(p, segs))) continue;
            before = getPath(base, segs);
            after = getPath(head, segs);
        }
        const hit = { path: rule.path, before, after, source: rule.source, ...(rule.condition ? { condition: rule.condition.label } : {}) };
        if (!deepEqual(before, after)) {
            hits.push({ ...hit, certainty: containsUnknown(after) ? "unknown" : "certain" });
        } else if (containsSecret(after)) {
            hits.push({ ...hit, certainty: "secret" });
        } else if (containsUnknown(after)) {
            hits.push({ ...hit, certainty: "unknown" });
        }
    }
    return hits;
}
