import { ResourceValidationPolicy } from "@pulumi/policy";
import { T } from "../lib/types";
import { get, path, show, UNKNOWN } from "../lib/unknown";
import { forTypes } from "../lib/validation";

/**
 * Auto Scaling groups must launch from a launch template, not a launch configuration (AWS Security Hub
 * AutoScaling.9). A group uses a launch configuration when `launchConfiguration` is set (an unknown value
 * counts: the key is there, only the name is not known yet) and neither `launchTemplate` nor
 * `mixedInstancesPolicy.launchTemplate` is; a mixed instances policy always names a launch template, so it
 * counts as one. A group with none of them is left to the provider, which requires exactly one.
 */
export const autoscalingGroupLaunchTemplate: ResourceValidationPolicy = {
    name: "autoscaling-group-launch-template",
    description:
        "Auto Scaling groups must use a launch template (launchTemplate or mixedInstancesPolicy), not a launch " +
        "configuration: launch configurations are deprecated, get no new instance types or EC2 features, and " +
        "cannot be versioned for instance refreshes (AWS Security Hub AutoScaling.9).",
    enforcementLevel: "mandatory",
    validateResource: forTypes([T.AutoScalingGroup], (args, reportViolation) => {
        const configuration = get(args.props, "launchConfiguration");
        const usesConfiguration = configuration === UNKNOWN || (typeof configuration === "string" && configuration.trim() !== "");
        const template = get(args.props, "launchTemplate");
        const mixedTemplate = path(args.props, "mixedInstancesPolicy", "launchTemplate");
        const usesTemplate = (template !== undefined && template !== null) || (mixedTemplate !== undefined && mixedTemplate !== null);
        if (usesConfiguration && !usesTemplate) {
            reportViolation(
                `This group launches instances from launch configuration ${show(configuration)}. Launch configurations ` +
                "are deprecated and miss current EC2 features. Create an aws.ec2.LaunchTemplate with the same settings " +
                "and point the group's launchTemplate at it (its id, and version set to the template's latestVersion) " +
                "instead of launchConfiguration.",
            );
        }
    }),
};
