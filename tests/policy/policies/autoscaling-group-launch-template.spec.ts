import * as assert from "node:assert/strict";
import { autoscalingGroupLaunchTemplate as policy } from "../../../policy/policies/autoscaling-group-launch-template";
import { T } from "../../../policy/lib/types";
import { UNKNOWN, validateResource, validateResourceDetailed } from "../helpers";

const msg = (configuration: string) =>
    `This group launches instances from launch configuration ${configuration}. Launch configurations are deprecated and miss ` +
    "current EC2 features. Create an aws.ec2.LaunchTemplate with the same settings and point the group's launchTemplate at it " +
    "(its id, and version set to the template's latestVersion) instead of launchConfiguration.";

const none = (state: string) =>
    `This group has nothing to launch instances from: ${state}. AWS rejects such a group when it is created ` +
    '(CreateAutoScalingGroup: "Valid requests must contain either LaunchTemplate, LaunchConfigurationName, InstanceId or MixedInstancesPolicy parameter."). ' +
    "Create an aws.ec2.LaunchTemplate and point the group's launchTemplate at it (its id, and version set to the template's latestVersion), " +
    "or name the template in mixedInstancesPolicy.launchTemplate (AWS Security Hub AutoScaling.9, AWS Control Tower CT.AUTOSCALING.PR.8).";

const group = (change: Record<string, unknown>) =>
    validateResource(policy, {
        type: T.AutoScalingGroup,
        props: { minSize: 2, maxSize: 4, vpcZoneIdentifiers: ["subnet-a", "subnet-b"], launchTemplate: { id: "lt-1", version: "3" }, ...change },
    });

const mixed = {
    launchTemplate: {
        launchTemplateSpecification: { launchTemplateId: "lt-1", version: "$Latest" },
        overrides: [{ instanceType: "t3.small" }, { instanceType: "t3a.small" }],
    },
};

describe("autoscaling-group-launch-template", () => {
    it("#1 compliant: launchTemplate by id or by name", async () => {
        assert.deepEqual(await group({}), []);
        assert.deepEqual(await group({ launchTemplate: { name: "web", version: "$Default" } }), []);
    });
    it("#2 compliant: a mixedInstancesPolicy with a launch template", async () => {
        assert.deepEqual(await group({ launchTemplate: undefined, mixedInstancesPolicy: mixed }), []);
    });
    it("#3 a launch configuration", async () => {
        assert.deepEqual(await group({ launchTemplate: undefined, launchConfiguration: "web-lc-2024" }), [msg('"web-lc-2024"')]);
    });
    it("#4 preview: a launch configuration whose name is still unknown", async () => {
        assert.deepEqual(await group({ launchTemplate: undefined, launchConfiguration: UNKNOWN }), [msg("(unknown)")]);
    });
    it("#5 an unknown launch template or mixed instances policy is a template", async () => {
        assert.deepEqual(await group({ launchTemplate: UNKNOWN }), []);
        assert.deepEqual(await group({ launchTemplate: undefined, mixedInstancesPolicy: { launchTemplate: UNKNOWN } }), []);
    });
    it("#6 a launch configuration next to a template (the provider rejects the pair) is not reported", async () => {
        assert.deepEqual(await group({ launchConfiguration: "web-lc" }), []);
    });
    it("#7 none of the three (or an empty launchConfiguration): nothing to launch from, AWS rejects the group", async () => {
        assert.deepEqual(await group({ launchTemplate: undefined }), [none("launchTemplate, mixedInstancesPolicy and launchConfiguration are not set")]);
        assert.deepEqual(await group({ launchTemplate: null, mixedInstancesPolicy: null, launchConfiguration: null }), [
            none("launchTemplate, mixedInstancesPolicy and launchConfiguration are not set"),
        ]);
        assert.deepEqual(await group({ launchTemplate: undefined, launchConfiguration: "" }), [
            none("launchTemplate and mixedInstancesPolicy are not set, and launchConfiguration is empty"),
        ]);
        assert.deepEqual(await group({ launchTemplate: undefined, launchConfiguration: "  " }), [
            none("launchTemplate and mixedInstancesPolicy are not set, and launchConfiguration is empty"),
        ]);
    });
    it("#8 other types, the LaunchConfiguration resource itself included, are not applicable", async () => {
        const outcome = await validateResourceDetailed(policy, { type: T.LaunchConfiguration, props: { imageId: "ami-1", instanceType: "t3.micro" } });
        assert.deepEqual(outcome, { messages: [], notApplicable: `applies only to ${T.AutoScalingGroup}` });
    });
    it("#9 preview: an unknown launchTemplate, mixedInstancesPolicy or launchConfiguration is not reported as missing", async () => {
        assert.deepEqual(await group({ launchTemplate: UNKNOWN }), []);
        assert.deepEqual(await group({ launchTemplate: undefined, mixedInstancesPolicy: UNKNOWN }), []);
        assert.deepEqual(await group({ launchTemplate: undefined, mixedInstancesPolicy: { launchTemplate: UNKNOWN } }), []);
        assert.deepEqual(await group({ launchTemplate: undefined, launchConfiguration: UNKNOWN }), [msg("(unknown)")]);
    });
});
