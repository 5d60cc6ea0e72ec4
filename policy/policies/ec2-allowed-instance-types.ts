import { ResourceValidationPolicy } from "@pulumi/policy";
import { T } from "../lib/types";
import { get, show, str } from "../lib/unknown";
import { configList, forTypes } from "../lib/validation";

const isPattern = (v: unknown): v is string => typeof v === "string" && v.trim() !== "";

/** True when `instanceType` matches `pattern`: an exact type ("t3.micro") or a wildcard ("t3.*", "*.large"). */
export function matchesInstanceType(pattern: string, instanceType: string): boolean {
    const escaped = pattern.trim().toLowerCase().split("*").map(part => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"));
    return new RegExp(`^${escaped.join(".*")}$`).test(instanceType.trim().toLowerCase());
}

/**
 * Instance and LaunchTemplate `instanceType` must match the configured allow-list `allowedInstanceTypes`
 * (exact types or wildcards such as "t3.*"; case-insensitive). No restriction when the list is unset or
 * empty (the default). An unset instanceType (an Instance that takes it from its launch template, a
 * template that uses instanceRequirements) and an unknown one are not reported; `pulumi up` checks the
 * real value.
 */
export const ec2AllowedInstanceTypes: ResourceValidationPolicy = {
    name: "ec2-allowed-instance-types",
    description:
        "EC2 instances and launch templates must use an instance type from the configured allow-list " +
        "(allowedInstanceTypes, wildcards like \"t3.*\"), which keeps cost and architecture predictable; " +
        "no restriction when the list is empty.",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            allowedInstanceTypes: {
                type: "array",
                items: { type: "string", minLength: 1 },
                default: [],
                description: 'Allowed instance types, exact ("t3.micro") or wildcards ("t3.*"). Empty: any type.',
            },
        },
    },
    validateResource: forTypes([T.Instance, T.LaunchTemplate], (args, reportViolation) => {
        const allowed = configList(args, "allowedInstanceTypes", [], isPattern);
        const instanceType = str(get(args.props, "instanceType"));
        if (allowed.length === 0 || typeof instanceType !== "string") {
            return;
        }
        if (!allowed.some(pattern => matchesInstanceType(pattern, instanceType))) {
            reportViolation(
                `instanceType ${show(instanceType)} is not in the allow-list (${allowed.join(", ")}). ` +
                "Choose an allowed type, or add this one to the policy's allowedInstanceTypes config.",
            );
        }
    }),
};
