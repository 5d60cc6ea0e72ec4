import { BadCase } from "../helpers";

/** config/auto-scaling.ts: the autoScaling object, its schedules, instance types, Spot and instance refresh. */
export const AUTO_SCALING_CASES: BadCase[] = [
    {
        name: "autoScaling not object",
        raw: {"autoScaling":"[1]"},
        errors: [
            "ec2-server:autoScaling: got [1], expected an object {min?, max, desired?, cpuTarget?, requestsPerTarget?, schedules?, instanceTypes?, spot?, refresh?, healthCheckGracePeriod?}",
        ],
    },
    {
        name: "autoScaling bad json",
        raw: {"autoScaling":"{max: 4"},
        errors: [
            "ec2-server:autoScaling: got \"{max: 4\", expected an object {min?, max, desired?, cpuTarget?, requestsPerTarget?, schedules?, instanceTypes?, spot?, refresh?, healthCheckGracePeriod?} (not a list or object; set it in the stack file or with `pulumi config set --path`)",
        ],
    },
    {
        name: "autoScaling unknown key",
        raw: {"autoScaling":"{\"max\":4,\"desird\":2}"},
        errors: [
            "ec2-server:autoScaling.desird: got 2, expected only the keys min, max, desired, cpuTarget, requestsPerTarget, schedules, instanceTypes, spot, refresh, healthCheckGracePeriod (unknown key; did you mean \"desired\"?)",
        ],
    },
    {
        name: "autoScaling max missing",
        raw: {"autoScaling":"{\"min\":2}"},
        errors: [
            "ec2-server:autoScaling.max: got undefined, expected an integer from min (2) to 100 (required: the most servers the group may run)",
        ],
    },
    {
        name: "autoScaling min above 100",
        raw: {"autoScaling":"{\"min\":101,\"max\":4}"},
        errors: [
            "ec2-server:autoScaling.min: got 101, expected an integer from 0 to 100",
        ],
    },
    {
        name: "autoScaling max below min",
        raw: {"autoScaling":"{\"min\":3,\"max\":2}"},
        errors: [
            "ec2-server:autoScaling.max: got 2, expected an integer from min (3) to 100",
        ],
    },
    {
        name: "autoScaling max above 100",
        raw: {"autoScaling":"{\"max\":101}"},
        errors: [
            "ec2-server:autoScaling.max: got 101, expected an integer from min (1) to 100",
        ],
    },
    {
        name: "autoScaling max not integer",
        raw: {"autoScaling":"{\"max\":2.5}"},
        errors: [
            "ec2-server:autoScaling.max: got 2.5, expected an integer from min (1) to 100",
        ],
    },
    {
        name: "autoScaling desired above max",
        raw: {"autoScaling":"{\"max\":4,\"desired\":5}"},
        errors: [
            "ec2-server:autoScaling.desired: got 5, expected an integer from min (1) to max (4)",
        ],
    },
    {
        name: "autoScaling desired below min",
        raw: {"autoScaling":"{\"min\":2,\"max\":4,\"desired\":1}"},
        errors: [
            "ec2-server:autoScaling.desired: got 1, expected an integer from min (2) to max (4)",
        ],
    },
    {
        name: "autoScaling cpuTarget above 100",
        raw: {"autoScaling":"{\"max\":4,\"cpuTarget\":101}"},
        errors: [
            "ec2-server:autoScaling.cpuTarget: got 101, expected an integer percent from 0 to 100 (average CPU that target tracking keeps; 0 turns it off)",
        ],
    },
    {
        name: "autoScaling cpuTarget text",
        raw: {"autoScaling":"{\"max\":4,\"cpuTarget\":\"half\"}"},
        errors: [
            "ec2-server:autoScaling.cpuTarget: got \"half\", expected an integer percent from 0 to 100 (average CPU that target tracking keeps; 0 turns it off)",
        ],
    },
    {
        name: "autoScaling requestsPerTarget 0",
        raw: {"autoScaling":"{\"max\":4,\"requestsPerTarget\":0}","loadBalancer":"{}"},
        errors: [
            "ec2-server:autoScaling.requestsPerTarget: got 0, expected an integer of 1 or more",
        ],
    },
    {
        name: "autoScaling healthCheckGracePeriod above 7200",
        raw: {"autoScaling":"{\"max\":4,\"healthCheckGracePeriod\":7201}"},
        errors: [
            "ec2-server:autoScaling.healthCheckGracePeriod: got 7201, expected an integer number of seconds from 0 to 7200",
        ],
    },
    {
        name: "schedules not a list",
        raw: {"autoScaling":"{\"max\":4,\"schedules\":{\"name\":\"night\",\"recurrence\":\"0 20 * * *\",\"min\":0}}"},
        errors: [
            "ec2-server:autoScaling.schedules: got {\"name\":\"night\",\"recurrence\":\"0 20 * * *\",\"min\":0}, expected a list of schedules {name, recurrence, timeZone?, min?, max?, desired?}",
        ],
    },
    {
        name: "schedule not an object",
        raw: {"autoScaling":"{\"max\":4,\"schedules\":[\"0 20 * * *\"]}"},
        errors: [
            "ec2-server:autoScaling.schedules[0]: got \"0 20 * * *\", expected a schedule {name, recurrence, timeZone?, min?, max?, desired?}",
        ],
    },
    {
        name: "schedule unknown key",
        raw: {"autoScaling":"{\"max\":4,\"schedules\":[{\"name\":\"night\",\"recurrence\":\"0 20 * * *\",\"min\":0,\"timezone\":\"UTC\"}]}"},
        errors: [
            "ec2-server:autoScaling.schedules[0].timezone: got \"UTC\", expected only the keys name, recurrence, timeZone, min, max, desired (unknown key; did you mean \"timeZone\"?)",
        ],
    },
    {
        name: "schedule bad name",
        raw: {"autoScaling":"{\"max\":4,\"schedules\":[{\"name\":\"scale in at night\",\"recurrence\":\"0 20 * * *\",\"min\":0}]}"},
        errors: [
            "ec2-server:autoScaling.schedules[0].name: got \"scale in at night\", expected a name of 1 to 255 letters, digits, - and _, unique among the schedules",
        ],
    },
    {
        name: "schedule name twice",
        raw: {"autoScaling":"{\"max\":4,\"schedules\":[{\"name\":\"night\",\"recurrence\":\"0 20 * * *\",\"min\":0},{\"name\":\"night\",\"recurrence\":\"0 22 * * *\",\"max\":1}]}"},
        errors: [
            "ec2-server:autoScaling.schedules[1].name: got \"night\", expected a name not used by another schedule (autoScaling.schedules[0] has it already)",
        ],
    },
    {
        name: "schedule without recurrence",
        raw: {"autoScaling":"{\"max\":4,\"schedules\":[{\"name\":\"night\",\"min\":0}]}"},
        errors: [
            "ec2-server:autoScaling.schedules[0].recurrence: got undefined, expected a cron expression of 5 fields \"minute hour day-of-month month day-of-week\" (in UTC or timeZone), such as \"0 8 * * 1-5\"",
        ],
    },
    {
        name: "schedule cron with a year (EventBridge)",
        raw: {"autoScaling":"{\"max\":4,\"schedules\":[{\"name\":\"night\",\"recurrence\":\"0 20 * * ? *\",\"min\":0}]}"},
        errors: [
            "ec2-server:autoScaling.schedules[0].recurrence: got \"0 20 * * ? *\", expected a cron expression of 5 fields \"minute hour day-of-month month day-of-week\" (in UTC or timeZone), such as \"0 8 * * 1-5\" (6 fields: EC2 Auto Scaling takes traditional cron, without the year field of EventBridge and Application Auto Scaling)",
        ],
    },
    {
        name: "schedule cron ? (EventBridge)",
        raw: {"autoScaling":"{\"max\":4,\"schedules\":[{\"name\":\"night\",\"recurrence\":\"0 20 ? * 1\",\"min\":0}]}"},
        errors: [
            "ec2-server:autoScaling.schedules[0].recurrence: got \"0 20 ? * 1\", expected a cron expression of 5 fields \"minute hour day-of-month month day-of-week\" (in UTC or timeZone), such as \"0 8 * * 1-5\" (?, L, W and # belong to EventBridge's cron, not the traditional cron EC2 Auto Scaling takes)",
        ],
    },
    {
        name: "schedule cron L (EventBridge)",
        raw: {"autoScaling":"{\"max\":4,\"schedules\":[{\"name\":\"month-end\",\"recurrence\":\"0 20 L * *\",\"min\":0}]}"},
        errors: [
            "ec2-server:autoScaling.schedules[0].recurrence: got \"0 20 L * *\", expected a cron expression of 5 fields \"minute hour day-of-month month day-of-week\" (in UTC or timeZone), such as \"0 8 * * 1-5\" (?, L, W and # belong to EventBridge's cron, not the traditional cron EC2 Auto Scaling takes)",
        ],
    },
    {
        name: "schedule cron words",
        raw: {"autoScaling":"{\"max\":4,\"schedules\":[{\"name\":\"night\",\"recurrence\":\"every night\",\"min\":0}]}"},
        errors: [
            "ec2-server:autoScaling.schedules[0].recurrence: got \"every night\", expected a cron expression of 5 fields \"minute hour day-of-month month day-of-week\" (in UTC or timeZone), such as \"0 8 * * 1-5\" (2 fields)",
        ],
    },
    {
        name: "schedule cron hour 24",
        raw: {"autoScaling":"{\"max\":4,\"schedules\":[{\"name\":\"night\",\"recurrence\":\"0 24 * * *\",\"min\":0}]}"},
        errors: [
            "ec2-server:autoScaling.schedules[0].recurrence: got \"0 24 * * *\", expected a cron expression of 5 fields \"minute hour day-of-month month day-of-week\" (in UTC or timeZone), such as \"0 8 * * 1-5\" (hour \"24\" is not from 0 to 23)",
        ],
    },
    {
        name: "schedule cron range of names",
        raw: {"autoScaling":"{\"max\":4,\"schedules\":[{\"name\":\"workdays\",\"recurrence\":\"0 8 * * MON-FRI\",\"min\":2}]}"},
        errors: [
            "ec2-server:autoScaling.schedules[0].recurrence: got \"0 8 * * MON-FRI\", expected a cron expression of 5 fields \"minute hour day-of-month month day-of-week\" (in UTC or timeZone), such as \"0 8 * * 1-5\" (day-of-week: a name such as MON stands alone; ranges and lists take the numbers 0 to 7)",
        ],
    },
    {
        name: "schedule cron backwards range",
        raw: {"autoScaling":"{\"max\":4,\"schedules\":[{\"name\":\"night\",\"recurrence\":\"0 22-6 * * *\",\"min\":0}]}"},
        errors: [
            "ec2-server:autoScaling.schedules[0].recurrence: got \"0 22-6 * * *\", expected a cron expression of 5 fields \"minute hour day-of-month month day-of-week\" (in UTC or timeZone), such as \"0 8 * * 1-5\" (hour range 22-6 runs backwards)",
        ],
    },
    {
        name: "schedule cron step after a single value",
        raw: {"autoScaling":"{\"max\":4,\"schedules\":[{\"name\":\"often\",\"recurrence\":\"5/10 * * * *\",\"min\":1}]}"},
        errors: [
            "ec2-server:autoScaling.schedules[0].recurrence: got \"5/10 * * * *\", expected a cron expression of 5 fields \"minute hour day-of-month month day-of-week\" (in UTC or timeZone), such as \"0 8 * * 1-5\" (minute step 5/10 needs a range or * before the /)",
        ],
    },
    {
        name: "schedule cron step 0",
        raw: {"autoScaling":"{\"max\":4,\"schedules\":[{\"name\":\"often\",\"recurrence\":\"*/0 * * * *\",\"min\":1}]}"},
        errors: [
            "ec2-server:autoScaling.schedules[0].recurrence: got \"*/0 * * * *\", expected a cron expression of 5 fields \"minute hour day-of-month month day-of-week\" (in UTC or timeZone), such as \"0 8 * * 1-5\" (minute step \"0\" is not from 1 to 59)",
        ],
    },
    {
        name: "schedule cron month 13",
        raw: {"autoScaling":"{\"max\":4,\"schedules\":[{\"name\":\"yearly\",\"recurrence\":\"0 0 1 13 *\",\"min\":1}]}"},
        errors: [
            "ec2-server:autoScaling.schedules[0].recurrence: got \"0 0 1 13 *\", expected a cron expression of 5 fields \"minute hour day-of-month month day-of-week\" (in UTC or timeZone), such as \"0 8 * * 1-5\" (month \"13\" is not from 1 to 12 or a name such as JAN)",
        ],
    },
    {
        name: "schedule timeZone typo",
        raw: {"autoScaling":"{\"max\":4,\"schedules\":[{\"name\":\"night\",\"recurrence\":\"0 20 * * *\",\"timeZone\":\"Europe/Londn\",\"min\":0}]}"},
        errors: [
            "ec2-server:autoScaling.schedules[0].timeZone: got \"Europe/Londn\", expected an IANA time zone name such as Europe/London or UTC (did you mean \"Europe/London\"?)",
        ],
    },
    {
        name: "schedule timeZone wrong case",
        raw: {"autoScaling":"{\"max\":4,\"schedules\":[{\"name\":\"night\",\"recurrence\":\"0 20 * * *\",\"timeZone\":\"europe/london\",\"min\":0}]}"},
        errors: [
            "ec2-server:autoScaling.schedules[0].timeZone: got \"europe/london\", expected an IANA time zone name such as Europe/London or UTC (time zone names are case-sensitive; did you mean \"Europe/London\"?)",
        ],
    },
    {
        name: "schedule timeZone offset",
        raw: {"autoScaling":"{\"max\":4,\"schedules\":[{\"name\":\"night\",\"recurrence\":\"0 20 * * *\",\"timeZone\":\"+01:00\",\"min\":0}]}"},
        errors: [
            "ec2-server:autoScaling.schedules[0].timeZone: got \"+01:00\", expected an IANA time zone name such as Europe/London or UTC",
        ],
    },
    {
        name: "schedule timeZone not a string",
        raw: {"autoScaling":"{\"max\":4,\"schedules\":[{\"name\":\"night\",\"recurrence\":\"0 20 * * *\",\"timeZone\":1,\"min\":0}]}"},
        errors: [
            "ec2-server:autoScaling.schedules[0].timeZone: got 1, expected an IANA time zone name such as Europe/London or UTC",
        ],
    },
    {
        name: "schedule sets no size",
        raw: {"autoScaling":"{\"max\":4,\"schedules\":[{\"name\":\"night\",\"recurrence\":\"0 20 * * *\"}]}"},
        errors: [
            "ec2-server:autoScaling.schedules[0]: got {\"name\":\"night\",\"recurrence\":\"0 20 * * *\"}, expected a schedule with at least one of min, max, desired (a scheduled action that sets no size does nothing)",
        ],
    },
    {
        name: "schedule max below its min",
        raw: {"autoScaling":"{\"max\":4,\"schedules\":[{\"name\":\"day\",\"recurrence\":\"0 8 * * 1-5\",\"min\":3,\"max\":2}]}"},
        errors: [
            "ec2-server:autoScaling.schedules[0].max: got 2, expected an integer from min (3) to 100",
        ],
    },
    {
        name: "schedule desired above 100",
        raw: {"autoScaling":"{\"max\":4,\"schedules\":[{\"name\":\"day\",\"recurrence\":\"0 8 * * 1-5\",\"desired\":101}]}"},
        errors: [
            "ec2-server:autoScaling.schedules[0].desired: got 101, expected an integer from 0 to 100",
        ],
    },
    {
        name: "instanceTypes not a list",
        raw: {"autoScaling":"{\"max\":4,\"instanceTypes\":\"t3a.micro\"}"},
        errors: [
            "ec2-server:autoScaling.instanceTypes: got \"t3a.micro\", expected a list of instance types such as [\"t3a.micro\", \"t2.micro\"]",
        ],
    },
    {
        name: "instanceTypes typo",
        raw: {"autoScaling":"{\"max\":4,\"instanceTypes\":[\"t3a.mirco\"]}"},
        errors: [
            "ec2-server:autoScaling.instanceTypes[0]: got \"t3a.mirco\", expected a current EC2 instance type such as t3.micro or m7g.large (did you mean \"t3a.micro\"?)",
        ],
    },
    {
        name: "instanceTypes repeats instanceType",
        raw: {"autoScaling":"{\"max\":4,\"instanceTypes\":[\"t3.micro\"]}"},
        errors: [
            "ec2-server:autoScaling.instanceTypes[0]: got \"t3.micro\", expected a type other than ec2-server:instanceType (instanceType is always one of the group's types; list only the extra ones)",
        ],
    },
    {
        name: "instanceTypes duplicate",
        raw: {"autoScaling":"{\"max\":4,\"instanceTypes\":[\"t3a.micro\",\"t3a.micro\"]}"},
        errors: [
            "ec2-server:autoScaling.instanceTypes[1]: got \"t3a.micro\", expected each type once (duplicate)",
        ],
    },
    {
        name: "instanceTypes more than a group takes",
        raw: {"autoScaling":JSON.stringify({ max: 4, instanceTypes: Array(40).fill("t3a.micro") })},
        errors: [
            "ec2-server:autoScaling.instanceTypes: got \"40 types\", expected at most 39 (with instanceType, 40 types: the most a group takes)",
        ],
    },
    {
        name: "spot not an object",
        raw: {"autoScaling":"{\"max\":4,\"spot\":true}"},
        errors: [
            "ec2-server:autoScaling.spot: got true, expected an object {onDemandBase, onDemandPercentAboveBase}",
        ],
    },
    {
        name: "spot without its keys",
        raw: {"autoScaling":"{\"max\":4,\"spot\":{}}"},
        errors: [
            "ec2-server:autoScaling.spot.onDemandBase: got undefined, expected an integer of 0 or more (required: how many servers are always On-Demand; 0 for none)",
            "ec2-server:autoScaling.spot.onDemandPercentAboveBase: got undefined, expected an integer percent from 0 to 100 (required: the On-Demand share of the servers above the base; 0 for all Spot)",
        ],
    },
    {
        name: "spot out of range",
        raw: {"autoScaling":"{\"max\":4,\"spot\":{\"onDemandBase\":-1,\"onDemandPercentAboveBase\":101}}"},
        errors: [
            "ec2-server:autoScaling.spot.onDemandBase: got -1, expected an integer of 0 or more",
            "ec2-server:autoScaling.spot.onDemandPercentAboveBase: got 101, expected an integer percent from 0 to 100",
        ],
    },
    {
        name: "spot unknown key",
        raw: {"autoScaling":"{\"max\":4,\"spot\":{\"onDemandBase\":0,\"onDemandPercentAboveBase\":0,\"spotAllocationStrategy\":\"lowest-price\"}}"},
        errors: [
            "ec2-server:autoScaling.spot.spotAllocationStrategy: got \"lowest-price\", expected only the keys onDemandBase, onDemandPercentAboveBase (unknown key)",
        ],
    },
    {
        name: "refresh unknown key",
        raw: {"autoScaling":"{\"max\":4,\"refresh\":{\"minHealthyPercentage\":50}}"},
        errors: [
            "ec2-server:autoScaling.refresh.minHealthyPercentage: got 50, expected only the keys minHealthyPercent, autoRollback, skipMatching (unknown key; did you mean \"minHealthyPercent\"?)",
        ],
    },
    {
        name: "refresh not an object",
        raw: {"autoScaling":"{\"max\":4,\"refresh\":\"rolling\"}"},
        errors: [
            "ec2-server:autoScaling.refresh: got \"rolling\", expected an object {minHealthyPercent?, autoRollback?, skipMatching?}",
        ],
    },
    {
        name: "refresh minHealthyPercent above 100",
        raw: {"autoScaling":"{\"max\":4,\"refresh\":{\"minHealthyPercent\":101}}"},
        errors: [
            "ec2-server:autoScaling.refresh.minHealthyPercent: got 101, expected an integer percent from 0 to 100",
        ],
    },
    {
        name: "refresh flags not booleans",
        raw: {"autoScaling":"{\"max\":4,\"refresh\":{\"autoRollback\":\"yes\",\"skipMatching\":1}}"},
        errors: [
            "ec2-server:autoScaling.refresh.autoRollback: got \"yes\", expected true or false",
            "ec2-server:autoScaling.refresh.skipMatching: got 1, expected true or false",
        ],
    },
];
