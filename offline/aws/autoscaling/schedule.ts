/**
 * `aws:autoscaling/schedule:Schedule` (aws_autoscaling_schedule, terraform-provider-aws
 * internal/service/autoscaling/schedule.go): what AWS and the provider do for it, as the offline engine and the
 * simulated provider model it.
 */
import { nextOccurrence } from "../../cron";
import { AwsError, AwsRejection } from "../errors";
import { regionRow, TF_ASG, TF_SERVICE } from "../rows";
import type { AwsType } from "../type";
import { ACCOUNT_ID } from "../world";

const SRC = {
    asgSchedule: `${TF_ASG}schedule.go (aws_autoscaling_schedule schema)`,
} as const;

/** A scheduled action's time as the provider stores it (schedule.go ScheduleTimeLayout "2006-01-02T15:04:05Z"). */
export function scheduleTime(t: Date): string {
    return t.toISOString().replace(/\.\d{3}Z$/, "Z");
}

export const schedule: AwsType = {
    token: "aws:autoscaling/schedule:Schedule",
    kind: {
        stateful: false,
        label: "Auto Scaling schedule",
        forceNew: [
            { path: "autoscalingGroupName", source: SRC.asgSchedule }, // autoscaling_group_name: Required, ForceNew
            { path: "scheduledActionName", source: SRC.asgSchedule }, // scheduled_action_name: Required, ForceNew
            regionRow,
        ],
        references: [{ path: "autoscalingGroupName", targetType: "aws:autoscaling/group:Group", changesOnReplace: "if-autonamed" }],
    },
    // Optional+Computed: the `Optional: true, Computed: true` attributes of the schema (terraform-provider-aws autoscaling/schedule.go).
    computed: [
        "startTime", "endTime", "desiredCapacity", "maxSize", "minSize", "recurrence", "timeZone",
    ],
    untagged: true,
    readBackRules: [
        { property: "minSize, maxSize, desiredCapacity", rule: "-1 for a size the action does not set; a size the program leaves unset is sent as 0 (so the program sends -1)", source: `${TF_SERVICE}autoscaling/schedule.go resourceScheduleRead / resourceSchedulePut` },
        { property: "startTime", rule: "the time AWS computed for the first run; Optional+Computed, so every later update sends it again, and once it has passed AWS refuses the update (\"Given start time is in the past\"): the program replaces an action instead of updating it", source: `${TF_SERVICE}autoscaling/schedule.go resourceScheduleRead / resourceSchedulePut (d.GetOk("start_time")); pulumi/pulumi-aws#2473, hashicorp/terraform-provider-aws#38983` },
    ],
    create(w, a) {
        const { p, name: n } = a;
        const groupName = String(p.autoscalingGroupName);
        w.requireGroup(groupName);
        // The provider reads an unset size as 0 and sends every size that is not -1 (schedule.go
        // resourceSchedulePut); AWS stores what it was sent, and a size it was not sent reads back as -1.
        const size = (v: unknown) => (typeof v === "number" ? v : 0);
        const [minSize, maxSize, desiredCapacity] = [size(p.minSize), size(p.maxSize), size(p.desiredCapacity)];
        if (minSize === -1 && maxSize === -1 && desiredCapacity === -1) {
            throw new AwsError("ValidationError", "a scheduled action must set at least one of MinSize, MaxSize and DesiredCapacity");
        }
        const name = String(p.scheduledActionName);
        const uuid = w.uuid(`schedule/${n}`);
        // AWS stores the time the action first runs, which the provider reads back into start_time
        // (schedule.go resourceScheduleRead; Optional+Computed): the first occurrence of the recurrence.
        const now = w.now();
        if (typeof p.startTime === "string" && p.startTime !== "" && new Date(p.startTime).getTime() < now.getTime()) {
            throw new AwsError("ValidationError", "Given start time is in the past");
        }
        const first = typeof p.startTime === "string" && p.startTime !== "" ? new Date(p.startTime)
            : typeof p.recurrence === "string" ? nextOccurrence(p.recurrence, now, typeof p.timeZone === "string" ? p.timeZone : "UTC") : undefined;
        return {
            id: name, state: a.state({
                ...(first ? { startTime: scheduleTime(first) } : {}),
                minSize, maxSize, desiredCapacity, timeZone: p.timeZone ?? "", recurrence: p.recurrence ?? "",
                arn: `arn:${w.partition}:autoscaling:${w.region}:${ACCOUNT_ID}:scheduledUpdateGroupAction:${uuid}:autoScalingGroupName/${groupName}:scheduledActionName/${name}`,
            }),
        };
    },
    update({ old, newInputs, planned, now }) {
        // resourceSchedulePut sends the stored start_time (Optional+Computed) with every update.
        const start = newInputs.startTime ?? planned.startTime;
        if (typeof start === "string" && start !== "" && new Date(start).getTime() < now.getTime()) {
            throw new AwsRejection("ValidationError", `Given start time is in the past (scheduled action ${old.id}: startTime ${start}, the first run AWS computed, is sent again with every update)`,
                `Auto Scaling API PutScheduledUpdateGroupAction; ${TF_SERVICE}autoscaling/schedule.go resourceSchedulePut (d.GetOk("start_time")); pulumi/pulumi-aws#2473, hashicorp/terraform-provider-aws#38983`);
        }
        return [];
    },
};
