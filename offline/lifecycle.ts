/**
 * The day-2 rules of the AWS model: what AWS reports back on a later read (a `pulumi refresh`), how the engine
 * and the provider diff a resource against its state, what an update does in place, and what a delete needs.
 * Every rule cites where it comes from: the provider pulumi-aws bridges (hashicorp/terraform-provider-aws,
 * `internal/service/<svc>/<file>.go` and the function), the Pulumi engine (pulumi/pulumi
 * `pkg/resource/deploy/step_generator.go`), or the AWS API reference.
 *
 * How a diff is computed, as the engine and pulumi-terraform-bridge compute it:
 * - `ignoreChanges` paths take the OLD INPUTS' value (engine: `processIgnoreChanges`).
 * - Each property the program sets is compared with the state's OUTPUTS (bridge `Diff`: prior state = outputs,
 *   config = new inputs). A property the program no longer sets differs only if it was set before and the
 *   provider does not compute it (Optional+Computed attributes keep their state value).
 * - A changed property replaces the resource when a force-new row of `offline/force-new.ts` covers it
 *   (with its condition) or a `replaceOnChanges` pattern does.
 */
import { awsType } from "./aws/registry";
import { forceNewHitsFor, normalisedEqual, READ_BACK_RULES_DOC } from "./lifecycle-rules";
import { formatPath, getPath, parsePath, PathSegment, patternCovers, setPath } from "./paths";
import { containsOpaqueSecret, isStateSecret, StateResource } from "./state";
import type { PlanDiff, PlanOp } from "./plan/format";
import { isRecord } from "../lib/values";

export { READ_BACK_RULES_DOC };

/** An operation, and one changed property: the same shapes the plan file carries. */
export type Op = PlanOp;
export type PropertyDiff = PlanDiff;

export interface DiffResult {
    changes: PropertyDiff[];
    replace: boolean;
    /** Properties that could not be compared offline (encrypted secrets in the state). */
    unverified: string[];
}

/**
 * True when the path is an Optional+Computed attribute of the type (its module's `computed`, offline/aws/registry.ts:
 * when the program stops setting one, the provider keeps what AWS reports and shows no diff). A row names one attribute: a block's row says
 * that dropping the whole block shows no diff, not that its fields are computed (a field with a schema Default, such
 * as a target group's health_check.interval, shows a diff when dropped), so rows match exactly ("*" for any list
 * element), never as a prefix.
 */
function isComputed(type: string, segs: PathSegment[]): boolean {
    const list = awsType(type)?.computed ?? [];
    return list.some(p => {
        const pattern = parsePath(p);
        return pattern.length === segs.length && pattern.every((x, i) => x === "*" || x === segs[i]);
    });
}

/** The engine's `processIgnoreChanges`: each ignored path takes the old inputs' value (or is removed). */
export function applyIgnoreChanges(news: Record<string, unknown>, oldInputs: Record<string, unknown>, ignoreChanges: string[]): Record<string, unknown> {
    const out = structuredClone(news);
    for (const p of ignoreChanges) {
        const segs = parsePath(p);
        if (segs.includes("*")) {
            continue;
        }
        setPath(out, segs, structuredClone(getPath(oldInputs, segs)));
    }
    return out;
}

/**
 * The provider's Check on an update (pulumi-terraform-bridge pkg/tfbridge/schema.go applyDefaults, useOldDefault):
 * a property the program does not set keeps its old value when the old inputs list it in `__defaults`, the
 * properties the provider filled in itself. An autoname (`web-tg-1a2b3c4`) therefore stays the same across updates;
 * only a replacement, which the engine checks again without old inputs, gets a new one.
 */
export function keepOldDefaults(news: Record<string, unknown>, oldInputs: Record<string, unknown>): Record<string, unknown> {
    const defaults = Array.isArray(oldInputs.__defaults) ? oldInputs.__defaults.filter((k): k is string => typeof k === "string") : [];
    const out = { ...news };
    for (const key of defaults) {
        if (out[key] === undefined && oldInputs[key] !== undefined) {
            out[key] = oldInputs[key];
        }
    }
    return out;
}

/**
 * Diffs the program's new inputs against a resource's state, as the engine and the bridge do (see the file
 * header), and classifies each change as an in-place update or a replacement.
 */
export function diffResource(
    old: Pick<StateResource, "type" | "inputs" | "outputs">,
    newInputs: Record<string, unknown>,
    options: { ignoreChanges: string[]; replaceOnChanges: string[]; defaultTags?: Record<string, string> },
): DiffResult {
    const type = old.type;
    const news = applyIgnoreChanges(newInputs, old.inputs, options.ignoreChanges);
    const changes: PropertyDiff[] = [];
    const unverified: string[] = [];

    const walk = (nv: unknown, ov: unknown, oldIn: unknown, segs: PathSegment[]): void => {
        const path = formatPath(segs);
        if (nv === undefined || nv === null) {
            if (oldIn !== undefined && oldIn !== null && !isComputed(type, segs)) {
                changes.push({ path, kind: "delete", old: ov ?? oldIn, replaces: false });
            }
            return;
        }
        if (isStateSecret(ov) || isStateSecret(oldIn)) {
            const stored = isStateSecret(ov) ? ov : oldIn as Record<string, unknown>;
            if (typeof stored.plaintext !== "string") {
                unverified.push(path);
                return;
            }
        }
        if (ov === undefined || ov === null) {
            changes.push({ path, kind: "add", new: nv, replaces: false });
            return;
        }
        if (isRecord(nv) && isRecord(ov)) {
            const oldInRec = isRecord(oldIn) ? oldIn : {};
            const keys = new Set([...Object.keys(nv), ...Object.keys(oldInRec)]);
            for (const k of [...keys].sort()) {
                walk(nv[k], ov[k], oldInRec[k], [...segs, k]);
            }
            return;
        }
        if (Array.isArray(nv) && Array.isArray(ov) && nv.length === ov.length && nv.every(x => isRecord(x)) && ov.every(x => isRecord(x))) {
            const oldInArr = Array.isArray(oldIn) ? oldIn : [];
            nv.forEach((x, i) => walk(x, ov[i], oldInArr[i], [...segs, i]));
            return;
        }
        if (!normalisedEqual(type, path, nv, ov)) {
            changes.push({ path, kind: "update", old: ov, new: nv, replaces: false });
        }
    };
    const keys = new Set([...Object.keys(news), ...Object.keys(old.inputs)]);
    for (const k of [...keys].sort()) {
        if (k === "__defaults") {
            continue;
        }
        walk(news[k], old.outputs[k], old.inputs[k], [k]);
    }

    // tagsAll is computed from the provider's defaultTags and the resource's tags (the provider's CustomizeDiff
    // SetTagsDiff): a changed aws:defaultTags changes it on every tagged resource, in place.
    if (options.defaultTags && isRecord(old.outputs.tagsAll) && !isStateSecret(old.outputs.tagsAll)) {
        const tags = isRecord(news.tags) ? news.tags : {};
        const expected = { ...options.defaultTags, ...tags };
        if (!normalisedEqual(type, "tagsAll", expected, old.outputs.tagsAll)) {
            changes.push({ path: "tagsAll", kind: "update", old: old.outputs.tagsAll, new: expected, replaces: false });
        }
    }

    // Which changes replace: force-new rows (with conditions) and replaceOnChanges patterns.
    for (const c of changes) {
        const segs = parsePath(c.path);
        const hit = forceNewHitsFor(type, segs, old.inputs, news);
        if (hit) {
            c.replaces = true;
            c.source = hit;
            continue;
        }
        if (options.replaceOnChanges.some(p => patternCovers(parsePath(p), segs) || patternCovers(segs, parsePath(p)))) {
            c.replaces = true;
            c.source = "replaceOnChanges";
        }
    }
    return { changes, replace: changes.some(c => c.replaces), unverified: [...new Set(unverified)] };
}

/** True when the value (inputs or outputs) holds a secret the file cannot show. */
export function hasOpaqueSecret(v: unknown): boolean {
    return containsOpaqueSecret(v);
}
