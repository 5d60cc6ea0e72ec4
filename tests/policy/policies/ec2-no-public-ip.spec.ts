import * as assert from "node:assert/strict";
import { ec2NoPublicIp as policy } from "../../../policy/policies/ec2-no-public-ip";
import { T } from "../../../policy/lib/types";
import { UNKNOWN, validateResource, validateResourceDetailed } from "../helpers";

const FIX = "Reach the instance through SSM Session Manager, a load balancer or a NAT gateway instead.";
const INSTANCE = `associatePublicIpAddress is true, so the instance gets a public IPv4 address. Set it to false. ${FIX}`;
const TEMPLATE = (i: number) =>
    `networkInterfaces[${i}].associatePublicIpAddress is true, so instances launched from this template get a public IPv4 address. Set it to "false". ${FIX}`;

const instance = (props: Record<string, unknown>) =>
    validateResource(policy, { type: T.Instance, props: { ami: "ami-1", subnetId: "subnet-1", associatePublicIpAddress: false, ...props } });
const template = (networkInterfaces: unknown) =>
    validateResource(policy, { type: T.LaunchTemplate, props: { imageId: "ami-1", networkInterfaces } });

describe("ec2-no-public-ip", () => {
    it("#1 compliant: no public IP requested", async () => {
        assert.deepEqual(await instance({}), []);
        assert.deepEqual(await instance({ associatePublicIpAddress: undefined }), []);
        assert.deepEqual(await template([{ deviceIndex: 0, associatePublicIpAddress: "false" }]), []);
        assert.deepEqual(await template(undefined), []);
    });
    it("#2 instance associatePublicIpAddress true", async () => {
        assert.deepEqual(await instance({ associatePublicIpAddress: true }), [INSTANCE]);
    });
    it("#3 launch template associatePublicIpAddress \"true\" (a string in the schema) or true", async () => {
        assert.deepEqual(await template([{ deviceIndex: 0, associatePublicIpAddress: "true" }]), [TEMPLATE(0)]);
        assert.deepEqual(await template([{ deviceIndex: 0 }, { deviceIndex: 1, associatePublicIpAddress: true }]), [TEMPLATE(1)]);
    });
    it("#4 unknown values are not reported (only a value shown to be true is)", async () => {
        assert.deepEqual(await instance({ associatePublicIpAddress: UNKNOWN }), []);
        assert.deepEqual(await template(UNKNOWN), []);
        assert.deepEqual(await template([{ associatePublicIpAddress: UNKNOWN }, UNKNOWN]), []);
    });
    it("#5 launch template (EC2.25): every interface is judged, \"TRUE\" in any case, unset or false is fine", async () => {
        assert.deepEqual(
            await template([
                { deviceIndex: 0, associatePublicIpAddress: "TRUE", securityGroups: ["sg-1"] },
                { deviceIndex: 1, subnetId: "subnet-1" },
                { deviceIndex: 2, associatePublicIpAddress: false },
                { deviceIndex: 3, associatePublicIpAddress: "true" },
            ]),
            [TEMPLATE(0), TEMPLATE(3)],
        );
    });
    it("#6 an Auto Scaling group is not applicable: its instances take the launch template's interfaces and the subnet's setting", async () => {
        const outcome = await validateResourceDetailed(policy, { type: T.AutoScalingGroup, props: { vpcZoneIdentifiers: ["subnet-1"] } });
        assert.deepEqual(outcome, { messages: [], notApplicable: `applies only to ${T.Instance}, ${T.LaunchTemplate}` });
    });
    it("#7 subnets are not applicable (see vpc-subnet-no-auto-public-ip)", async () => {
        const outcome = await validateResourceDetailed(policy, { type: T.Subnet, props: { mapPublicIpOnLaunch: true } });
        assert.deepEqual(outcome, { messages: [], notApplicable: `applies only to ${T.Instance}, ${T.LaunchTemplate}` });
    });
});
