/** The autoScaling key: an Auto Scaling group instead of fixed servers. */
import type { AutoScalingSetting, ScheduleSetting } from "../components/auto-scaling";
import { instanceTypeArchitecture } from "../lib/aws-facts";
import { Collector } from "./errors";
import { checkInstanceType, flag, integer, objectWithKeys } from "./fields";
import { CRON_TEXT, cronProblem, timeZoneProblem } from "./parsers";
import { groupTypeRunsAmi, requestsPerTargetNeedsLoadBalancer } from "./rules";
import {
    AUTO_SCALING_DEFAULTS, AUTO_SCALING_KEYS, AUTO_SCALING_SHAPE, MAX_EXTRA_INSTANCE_TYPES, NAMESPACE, REFRESH_KEYS,
    SCHEDULE_KEYS, SCHEDULE_NAME, SCHEDULE_SHAPE, SPOT_KEYS,
} from "./schema";

/**
 * min, max and desired of a group or a schedule, each 0–100, max from min, desired from min to max. `minDefault` is
 * the group's default min; `maxRequired` says why max is required (the group), or undefined (a schedule).
 */
function sizes(c: Collector, at: string, v: Record<string, unknown>, minDefault: number | undefined, maxRequired: string | undefined):
    { min?: number; max?: number; desired?: number } {
    const min = v.min === undefined ? minDefault : integer(c, `${at}.min`, v.min, 0, 100);
    const from = min === undefined ? "0" : `min (${min})`;
    const max = integer(c, `${at}.max`, v.max, min ?? 0, 100, { expected: `an integer from ${from} to 100`, required: maxRequired });
    const to = max === undefined ? "100" : `max (${max})`;
    const desired = integer(c, `${at}.desired`, v.desired, min ?? 0, max ?? 100, { expected: `an integer from ${from} to ${to}` });
    return { min, max, desired };
}

export function autoScalingSetting(c: Collector, value: unknown, instanceType: string, hasLoadBalancer: boolean): AutoScalingSetting | undefined {
    const v = objectWithKeys(c, "autoScaling", value, AUTO_SCALING_KEYS, AUTO_SCALING_SHAPE);
    if (!v) {
        return undefined;
    }
    const d = AUTO_SCALING_DEFAULTS;
    const size = sizes(c, "autoScaling", v, d.min, "the most servers the group may run");
    const cpuTarget = integer(c, "autoScaling.cpuTarget", v.cpuTarget, 0, 100,
        { expected: "an integer percent from 0 to 100", hint: "average CPU that target tracking keeps; 0 turns it off" }) ?? d.cpuTarget;
    const requestsPerTarget = integer(c, "autoScaling.requestsPerTarget", v.requestsPerTarget, 1, undefined);
    requestsPerTargetNeedsLoadBalancer(c, v.requestsPerTarget, hasLoadBalancer);

    const schedules: ScheduleSetting[] = [];
    if (v.schedules !== undefined) {
        if (!Array.isArray(v.schedules)) {
            c.bad("autoScaling.schedules", v.schedules, `a list of schedules ${SCHEDULE_SHAPE}`);
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
                const arch = checkInstanceType(c, at, t);
                if (arch === undefined) {
                    return;
                }
                if (!groupTypeRunsAmi(c, at, t, arch, instanceType, typeArch)) {
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
        const s = objectWithKeys(c, "autoScaling.spot", v.spot, SPOT_KEYS, "an object {onDemandBase, onDemandPercentAboveBase}");
        if (s) {
            const onDemandBase = integer(c, "autoScaling.spot.onDemandBase", s.onDemandBase, 0, undefined,
                { required: "how many servers are always On-Demand; 0 for none" });
            const onDemandPercentAboveBase = integer(c, "autoScaling.spot.onDemandPercentAboveBase", s.onDemandPercentAboveBase, 0, 100,
                { expected: "an integer percent from 0 to 100", required: "the On-Demand share of the servers above the base; 0 for all Spot" });
            if (onDemandBase !== undefined && onDemandPercentAboveBase !== undefined) {
                spot = { onDemandBase, onDemandPercentAboveBase };
            }
        }
    }

    const refresh: AutoScalingSetting["refresh"] = { ...d.refresh };
    if (v.refresh !== undefined) {
        const r = objectWithKeys(c, "autoScaling.refresh", v.refresh, REFRESH_KEYS, "an object {minHealthyPercent?, autoRollback?, skipMatching?}");
        if (r) {
            refresh.minHealthyPercent = integer(c, "autoScaling.refresh.minHealthyPercent", r.minHealthyPercent, 0, 100,
                { expected: "an integer percent from 0 to 100" }) ?? d.refresh.minHealthyPercent;
            refresh.autoRollback = flag(c, "autoScaling.refresh.autoRollback", r.autoRollback, d.refresh.autoRollback);
            refresh.skipMatching = flag(c, "autoScaling.refresh.skipMatching", r.skipMatching, d.refresh.skipMatching);
        }
    }
    const healthCheckGracePeriod = integer(c, "autoScaling.healthCheckGracePeriod", v.healthCheckGracePeriod, 0, 7200,
        { expected: "an integer number of seconds from 0 to 7200" }) ?? d.healthCheckGracePeriod;

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
    const v = objectWithKeys(c, at, value, SCHEDULE_KEYS, `a schedule ${SCHEDULE_SHAPE}`);
    if (!v) {
        return undefined;
    }
    const nameOk = typeof v.name === "string" && SCHEDULE_NAME.test(v.name);
    if (!nameOk) {
        c.bad(`${at}.name`, v.name, "a name of 1 to 255 letters, digits, - and _, unique among the schedules");
    }
    if (typeof v.recurrence !== "string") {
        c.bad(`${at}.recurrence`, v.recurrence, CRON_TEXT);
    } else {
        const problem = cronProblem(v.recurrence);
        if (problem) {
            c.bad(`${at}.recurrence`, v.recurrence, CRON_TEXT, problem);
        }
    }
    if (v.timeZone !== undefined) {
        const problem = timeZoneProblem(v.timeZone);
        if (problem !== undefined) {
            c.bad(`${at}.timeZone`, v.timeZone, "an IANA time zone name such as Europe/London or UTC", problem || undefined);
        }
    }
    const size = sizes(c, at, v, undefined, undefined);
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
