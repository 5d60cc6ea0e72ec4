import { ResourceValidationPolicy } from "@pulumi/policy";
import { T } from "../lib/types";
import { get, path, show, UNKNOWN } from "../lib/unknown";
import { forTypes } from "../lib/validation";

/** True for a property that is absent or null (not for an unknown value). */
const unset = (value: unknown): boolean => value === undefined || value === null;

/**
 * Auto Scaling groups must launch from a launch template (AWS Security Hub AutoScaling.9, AWS Control Tower
 * CT.AUTOSCALING.PR.8). Two ways to miss it are reported:
 * - A launch configuration: `launchConfiguration` is set (an unknown value counts: the key is there, only the
 *   name is not known yet) and neither `launchTemplate` nor `mixedInstancesPolicy.launchTemplate` is; a mixed
 *   instances policy always names a launch template, so it counts as one.
 * - Nothing at all: `launchTemplate` and `mixedInstancesPolicy` are absent (or null) and `launchConfiguration`
 *   is absent, null or an empty string. The provider then sends none of them (group.go resourceGroupCreate
 *   sends launch_configuration only when it is not empty), and CreateAutoScalingGroup fails with "Valid requests
 *   must contain either LaunchTemplate, LaunchConfigurationName, InstanceId or MixedInstancesPolicy parameter."
 *   (terraform-provider-aws also declares the three ExactlyOneOf, so its Check usually refuses the group first).
 *   Any of the three being unknown during preview is not reported as missing. A mixedInstancesPolicy without its
 *   launchTemplate is left to the provider, whose schema requires that field.
 */
export const autoscalingGroupLaunchTemplate: ResourceValidationPolicy = {
    name: "autoscaling-group-launch-template",
    description:
        "Auto Scaling groups must use a launch template (launchTemplate or mixedInstancesPolicy), not a launch " +
        "configuration: launch configurations are deprecated, get no new instance types or EC2 features, and " +
        "cannot be versioned for instance refreshes; a group with neither cannot be created at all (AWS Security " +
        "Hub AutoScaling.9, AWS Control Tower CT.AUTOSCALING.PR.8).",
    enforcementLevel: "mandatory",
    validateResource: forTypes([T.AutoScalingGroup], (args, reportViolation) => {
        const configuration = get(args.props, "launchConfiguration");
        const usesConfiguration = configuration === UNKNOWN || (typeof configuration === "string" && configuration.trim() !== "");
        const template = get(args.props, "launchTemplate");
        const mixed = get(args.props, "mixedInstancesPolicy");
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
        const emptyConfiguration = typeof configuration === "string" && configuration.trim() === "";
        if (unset(template) && unset(mixed) && (unset(configuration) || emptyConfiguration)) {
            const state = emptyConfiguration
                ? "launchTemplate and mixedInstancesPolicy are not set, and launchConfiguration is empty"
                : "launchTemplate, mixedInstancesPolicy and launchConfiguration are not set";
            reportViolation(
                `This group has nothing to launch instances from: ${state}. AWS rejects such a group when it is created ` +
                '(CreateAutoScalingGroup: "Valid requests must contain either LaunchTemplate, LaunchConfigurationName, InstanceId or MixedInstancesPolicy parameter."). ' +
                "Create an aws.ec2.LaunchTemplate and point the group's launchTemplate at it (its id, and version set to the template's latestVersion), " +
                "or name the template in mixedInstancesPolicy.launchTemplate (AWS Security Hub AutoScaling.9, AWS Control Tower CT.AUTOSCALING.PR.8).",
            );
        }
    }),
};
