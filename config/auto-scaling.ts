/** The autoScaling key: an Auto Scaling group instead of fixed servers. */
import type { AutoScalingSetting, ScheduleSetting } from "../components/auto-scaling";
import { instanceTypeArchitecture } from "../lib/aws-facts";
import { Collector, NAMESPACE } from "./errors";
import { check, metadataOf, objectWithKeys, shapeOf, wholeNumber } from "./fields";
import { groupTypeRunsAmi, requestsPerTargetNeedsLoadBalancer } from "./rules";
import { AUTO_SCALING, AUTO_SCALING_DEFAULTS, CONFIG, INSTANCE_TYPE, MAX_EXTRA_INSTANCE_TYPES, REFRESH, SCHEDULE, SPOT } from "./schema";

/**
 * min, max and desired of a group or a schedule, each 0–100, max from min, desired from min to max. `minDefault` is
 * the group's default min; `maxRequired` says why max is required (the group), or undefined (a schedule).
 */
function sizes(c: Collector, at: string, v: Record<string, unknown>, schema: typeof AUTO_SCALING | typeof SCHEDULE, maxRequired: string | undefined):
    { min?: number; max?: number; desired?: number } {
    const min = check(c, `${at}.min`, schema.entries.min, v.min);
    const from = min === undefined ? "0" : `min (${min})`;
    const max = v.max === undefined && !maxRequired ? undefined
        : check(c, `${at}.max`, wholeNumber(min ?? 0, 100, { expected: `an integer from ${from} to 100`, required: maxRequired }), v.max);
    const to = max === undefined ? "100" : `max (${max})`;
    const desired = v.desired === undefined ? undefined
        : check(c, `${at}.desired`, wholeNumber(min ?? 0, max ?? 100, { expected: `an integer from ${from} to ${to}` }), v.desired);
    return { min, max, desired };
}

export function autoScalingSetting(c: Collector, value: unknown, instanceType: string, hasLoadBalancer: boolean): AutoScalingSetting | undefined {
    const v = objectWithKeys(c, "autoScaling", value, AUTO_SCALING, metadataOf(CONFIG.entries.autoScaling).shape!);
    if (!v) {
        return undefined;
    }
    const d = AUTO_SCALING_DEFAULTS;
    const fields = AUTO_SCALING.entries;
    const size = sizes(c, "autoScaling", v, AUTO_SCALING, "the most servers the group may run");
    const cpuTarget = check(c, "autoScaling.cpuTarget", fields.cpuTarget, v.cpuTarget) ?? d.cpuTarget;
    const requestsPerTarget = check(c, "autoScaling.requestsPerTarget", fields.requestsPerTarget, v.requestsPerTarget);
    requestsPerTargetNeedsLoadBalancer(c, v.requestsPerTarget, hasLoadBalancer);

    const schedules: ScheduleSetting[] = [];
    if (v.schedules !== undefined) {
        if (!Array.isArray(v.schedules)) {
            c.bad("autoScaling.schedules", v.schedules, `a list of schedules ${shapeOf(SCHEDULE)}`);
        } else {
            const names = new Map<string, number>();
            v.schedules.forEach((s, i) => {
                const at = `autoScaling.schedules[${i}]`;
                const parsed = schedule(c, at, s);
                if (parsed === undefined) {
                    return;
                }
                const first = names.get(parsed.name);
                if (first !== undefined) {
                    c.bad(`${at}.name`, parsed.name, "a name not used by another schedule", `autoScaling.schedules[${first}] has it already`);
                    return;
                }
                names.set(parsed.name, i);
                schedules.push(parsed);
            });
        }
    }

    const instanceTypes: string[] = [];
    if (v.instanceTypes !== undefined) {
        const list = v.instanceTypes;
        if (!Array.isArray(list)) {
            c.bad("autoScaling.instanceTypes", list, "a list of instance types such as [\"t3a.micro\", \"t2.micro\"]");
        } else if (list.length > MAX_EXTRA_INSTANCE_TYPES) {
            c.bad("autoScaling.instanceTypes", `${list.length} types`, `at most ${MAX_EXTRA_INSTANCE_TYPES} (with instanceType, 40 types: the most a group takes)`);
        } else {
            const typeArch = instanceTypeArchitecture(instanceType);
            list.forEach((t, i) => {
                const at = `autoScaling.instanceTypes[${i}]`;
                if (check(c, at, INSTANCE_TYPE, t) === undefined) {
                    return;
                }
                if (!groupTypeRunsAmi(c, at, t, instanceTypeArchitecture(t)!, instanceType, typeArch)) {
                    return;
                } else if (t === instanceType) {
                    c.bad(at, t, `a type other than ${NAMESPACE}:instanceType`, "instanceType is always one of the group's types; list only the extra ones");
                } else if (instanceTypes.includes(t)) {
                    c.bad(at, t, "each type once", "duplicate");
                } else {
                    instanceTypes.push(t);
                }
            });
        }
    }

    let spot: AutoScalingSetting["spot"];
    if (v.spot !== undefined) {
        const s = objectWithKeys(c, "autoScaling.spot", v.spot, SPOT, `an object ${shapeOf(SPOT)}`);
        if (s) {
            const onDemandBase = check(c, "autoScaling.spot.onDemandBase", SPOT.entries.onDemandBase, s.onDemandBase);
            const onDemandPercentAboveBase = check(c, "autoScaling.spot.onDemandPercentAboveBase", SPOT.entries.onDemandPercentAboveBase, s.onDemandPercentAboveBase);
            if (onDemandBase !== undefined && onDemandPercentAboveBase !== undefined) {
                spot = { onDemandBase, onDemandPercentAboveBase };
            }
        }
    }

    const refresh: AutoScalingSetting["refresh"] = { ...d.refresh };
    if (v.refresh !== undefined) {
        const r = objectWithKeys(c, "autoScaling.refresh", v.refresh, REFRESH, `an object ${shapeOf(REFRESH)}`);
        if (r) {
            for (const k of ["minHealthyPercent", "autoRollback", "skipMatching"] as const) {
                const given = check(c, `autoScaling.refresh.${k}`, REFRESH.entries[k], r[k]);
                if (given !== undefined) {
                    (refresh as unknown as Record<string, unknown>)[k] = given;
                }
            }
        }
    }
    const healthCheckGracePeriod = check(c, "autoScaling.healthCheckGracePeriod", fields.healthCheckGracePeriod, v.healthCheckGracePeriod) ?? d.healthCheckGracePeriod;

    return {
        min: size.min ?? d.min,
        max: size.max ?? size.min ?? d.min,
        ...(size.desired !== undefined ? { desired: size.desired } : {}),
        cpuTarget,
        ...(requestsPerTarget !== undefined ? { requestsPerTarget } : {}),
        schedules,
        instanceTypes,
        ...(spot !== undefined ? { spot } : {}),
        refresh,
        healthCheckGracePeriod,
    };
}

/** One `autoScaling.schedules[i]`; undefined when it is not an object or has no usable name. */
function schedule(c: Collector, at: string, value: unknown): ScheduleSetting | undefined {
    const v = objectWithKeys(c, at, value, SCHEDULE, `a schedule ${shapeOf(SCHEDULE)}`);
    if (!v) {
        return undefined;
    }
    const nameOk = check(c, `${at}.name`, SCHEDULE.entries.name, v.name) !== undefined;
    check(c, `${at}.recurrence`, SCHEDULE.entries.recurrence, v.recurrence);
    check(c, `${at}.timeZone`, SCHEDULE.entries.timeZone, v.timeZone);
    const size = sizes(c, at, v, SCHEDULE, undefined);
    if (v.min === undefined && v.max === undefined && v.desired === undefined) {
        c.bad(at, value, "a schedule with at least one of min, max, desired", "a scheduled action that sets no size does nothing");
    }
    if (!nameOk) {
        return undefined;
    }
    return {
        name: v.name as string,
        recurrence: String(v.recurrence),
        ...(typeof v.timeZone === "string" ? { timeZone: v.timeZone } : {}),
        ...(size.min !== undefined ? { min: size.min } : {}),
        ...(size.max !== undefined ? { max: size.max } : {}),
        ...(size.desired !== undefined ? { desired: size.desired } : {}),
    };
}
