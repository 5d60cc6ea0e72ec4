import * as assert from "node:assert/strict";
import { autoscalingGroupMultiAz as policy } from "../../../policy/policies/autoscaling-group-multi-az";
import { T } from "../../../policy/lib/types";
import { StackResourceInput, UNKNOWN, urnOf, validateStack, validateStackDetailed } from "../helpers";

const WHY = "A zone outage then stops every instance of the group (AWS Security Hub AutoScaling.2).";
const SUBNET_FIX = "Add a subnet in a second Availability Zone to vpcZoneIdentifiers.";
const GROUP_URN = urnOf(T.AutoScalingGroup, "web");
const NO_PLACEMENT =
    "This group lists no subnet in vpcZoneIdentifiers and no zone in availabilityZones, so AWS rejects it when it is created " +
    '(CreateAutoScalingGroup: "At least one Availability Zone or VPC Subnet is required."). ' +
    "Set vpcZoneIdentifiers to subnets in at least two Availability Zones (AWS Security Hub AutoScaling.2, AWS Control Tower CT.AUTOSCALING.PR.1).";

const subnet = (name: string, id: unknown, availabilityZone: unknown, extra: Record<string, unknown> = {}): StackResourceInput => ({
    type: T.Subnet,
    name,
    props: { id, vpcId: "vpc-1", cidrBlock: "10.0.0.0/24", availabilityZone, ...extra },
});
const SUBNETS = [subnet("a", "subnet-a", "ap-northeast-2a"), subnet("b", "subnet-b", "ap-northeast-2b"), subnet("a2", "subnet-a2", "ap-northeast-2a")];

/** A group over subnet-a and subnet-b (two zones), changed by `change`. */
const group = (change: Record<string, unknown>): StackResourceInput => ({
    type: T.AutoScalingGroup,
    name: "web",
    props: { name: "web-1234", minSize: 2, maxSize: 4, launchTemplate: { id: "lt-1", version: "3" }, vpcZoneIdentifiers: ["subnet-a", "subnet-b"], ...change },
});
const check = (change: Record<string, unknown>, subnets: StackResourceInput[] = SUBNETS) => validateStack(policy, [...subnets, group(change)]);
const violation = (message: string) => [{ message, urn: GROUP_URN }];

describe("autoscaling-group-multi-az", () => {
    it("#1 compliant: subnets in two zones (and a DefaultSubnet counts as a subnet)", async () => {
        assert.deepEqual(await check({}), []);
        const defaultSubnet: StackResourceInput = { type: T.DefaultSubnet, name: "d", props: { id: "subnet-d", availabilityZone: "ap-northeast-2c" } };
        assert.deepEqual(await check({ vpcZoneIdentifiers: ["subnet-a", "subnet-d"] }, [...SUBNETS, defaultSubnet]), []);
    });
    it("#2 two subnets in the same zone", async () => {
        assert.deepEqual(
            await check({ vpcZoneIdentifiers: ["subnet-a", "subnet-a2"] }),
            violation(`vpcZoneIdentifiers lists subnets in only one Availability Zone (ap-northeast-2a: subnet-a, subnet-a2). ${WHY} ${SUBNET_FIX}`),
        );
    });
    it("#3 a single subnet in the stack, named with its zone", async () => {
        assert.deepEqual(
            await check({ vpcZoneIdentifiers: ["subnet-b"] }),
            violation(`vpcZoneIdentifiers lists a single subnet (subnet-b in ap-northeast-2b), so the group runs in one Availability Zone. ${WHY} ${SUBNET_FIX}`),
        );
    });
    it("#4 a single subnet outside the stack is still one zone", async () => {
        assert.deepEqual(
            await check({ vpcZoneIdentifiers: ["subnet-external"] }),
            violation(`vpcZoneIdentifiers lists a single subnet (subnet-external), so the group runs in one Availability Zone. ${WHY} ${SUBNET_FIX}`),
        );
    });
    it("#5 the same subnet twice, or two ids in one comma-separated element (as AWS's VPCZoneIdentifier), are counted once each", async () => {
        assert.deepEqual(
            await check({ vpcZoneIdentifiers: ["subnet-a", " subnet-a "] }),
            violation(`vpcZoneIdentifiers lists a single subnet (subnet-a in ap-northeast-2a), so the group runs in one Availability Zone. ${WHY} ${SUBNET_FIX}`),
        );
        assert.deepEqual(await check({ vpcZoneIdentifiers: ["subnet-a,subnet-b"] }), []);
    });
    it("#6 subnets outside the stack, or with an unknown zone, cannot be resolved: not reported", async () => {
        assert.deepEqual(await check({ vpcZoneIdentifiers: ["subnet-a", "subnet-external"] }), []);
        assert.deepEqual(await check({ vpcZoneIdentifiers: ["subnet-a", "subnet-u"] }, [...SUBNETS, subnet("u", "subnet-u", UNKNOWN)]), []);
    });
    it("#7 a subnet's availabilityZoneId is used when its name is not known", async () => {
        const byId = [subnet("x", "subnet-x", undefined, { availabilityZoneId: "apne2-az1" }), subnet("y", "subnet-y", UNKNOWN, { availabilityZoneId: "apne2-az1" })];
        assert.deepEqual(
            await check({ vpcZoneIdentifiers: ["subnet-x", "subnet-y"] }, byId),
            violation(`vpcZoneIdentifiers lists subnets in only one Availability Zone (apne2-az1: subnet-x, subnet-y). ${WHY} ${SUBNET_FIX}`),
        );
    });
    it("#8 preview: unknown subnet ids leave the zones open, except a list of exactly one subnet", async () => {
        assert.deepEqual(await check({ vpcZoneIdentifiers: UNKNOWN }), []);
        assert.deepEqual(await check({ vpcZoneIdentifiers: [UNKNOWN, UNKNOWN] }), []);
        assert.deepEqual(await check({ vpcZoneIdentifiers: ["subnet-a", UNKNOWN] }), []);
        assert.deepEqual(
            await check({ vpcZoneIdentifiers: [UNKNOWN] }),
            violation(`vpcZoneIdentifiers lists a single subnet ((unknown)), so the group runs in one Availability Zone. ${WHY} ${SUBNET_FIX}`),
        );
    });
    it("#9 subnets of new resources (unknown id output) do not resolve", async () => {
        const fresh = [subnet("a", UNKNOWN, "ap-northeast-2a"), subnet("a2", UNKNOWN, "ap-northeast-2a")];
        assert.deepEqual(await check({ vpcZoneIdentifiers: ["subnet-a", "subnet-a2"] }, fresh), []);
    });
    it("#10 availabilityZones with one zone", async () => {
        const fix = "List at least two zones, or better, give the group subnets in two zones through vpcZoneIdentifiers.";
        assert.deepEqual(
            await check({ vpcZoneIdentifiers: undefined, availabilityZones: ["ap-northeast-2a"] }),
            violation(`availabilityZones lists only one Availability Zone (ap-northeast-2a). ${WHY} ${fix}`),
        );
        assert.deepEqual(
            await check({ vpcZoneIdentifiers: [], availabilityZones: ["ap-northeast-2a", "ap-northeast-2a"] }),
            violation(`availabilityZones lists only one Availability Zone (ap-northeast-2a). ${WHY} ${fix}`),
        );
        assert.deepEqual(
            await check({ vpcZoneIdentifiers: undefined, availabilityZones: [UNKNOWN] }),
            violation(`availabilityZones lists only one Availability Zone ((unknown)). ${WHY} ${fix}`),
        );
    });
    it("#11 availabilityZones with two zones, or open because of unknowns", async () => {
        assert.deepEqual(await check({ vpcZoneIdentifiers: undefined, availabilityZones: ["ap-northeast-2a", "ap-northeast-2c"] }), []);
        assert.deepEqual(await check({ vpcZoneIdentifiers: undefined, availabilityZones: ["ap-northeast-2a", UNKNOWN] }), []);
        assert.deepEqual(await check({ vpcZoneIdentifiers: undefined, availabilityZones: UNKNOWN }), []);
    });
    it("#12 vpcZoneIdentifiers wins over availabilityZones", async () => {
        assert.deepEqual(await check({ availabilityZones: ["ap-northeast-2a"] }), []);
    });
    it("#13 each group is judged on its own", async () => {
        const second: StackResourceInput = { ...group({ vpcZoneIdentifiers: ["subnet-a"] }), name: "worker" };
        assert.deepEqual(await validateStack(policy, [...SUBNETS, group({}), second]), [
            {
                message: `vpcZoneIdentifiers lists a single subnet (subnet-a in ap-northeast-2a), so the group runs in one Availability Zone. ${WHY} ${SUBNET_FIX}`,
                urn: urnOf(T.AutoScalingGroup, "worker"),
            },
        ]);
    });
    it("#14 a stack without Auto Scaling groups is not applicable", async () => {
        assert.deepEqual(await validateStackDetailed(policy, SUBNETS), { violations: [], notApplicable: "the stack has no Auto Scaling groups" });
    });
    it("#15 a group with neither vpcZoneIdentifiers nor availabilityZones (unset, null, empty lists or empty strings): AWS rejects it", async () => {
        assert.deepEqual(await check({ vpcZoneIdentifiers: undefined }), violation(NO_PLACEMENT));
        assert.deepEqual(await check({ vpcZoneIdentifiers: null, availabilityZones: null }), violation(NO_PLACEMENT));
        assert.deepEqual(await check({ vpcZoneIdentifiers: [], availabilityZones: [] }), violation(NO_PLACEMENT));
        assert.deepEqual(await check({ vpcZoneIdentifiers: [""], availabilityZones: [" "] }), violation(NO_PLACEMENT));
        assert.deepEqual(await check({ vpcZoneIdentifiers: undefined, availabilityZones: ["ap-northeast-2a", "ap-northeast-2b"] }), []);
    });
    it("#16 preview: an unknown vpcZoneIdentifiers or availabilityZones is not reported as missing", async () => {
        assert.deepEqual(await check({ vpcZoneIdentifiers: UNKNOWN }), []);
        assert.deepEqual(await check({ vpcZoneIdentifiers: UNKNOWN, availabilityZones: [] }), []);
        assert.deepEqual(await check({ vpcZoneIdentifiers: [], availabilityZones: UNKNOWN }), []);
        assert.deepEqual(await check({ vpcZoneIdentifiers: undefined, availabilityZones: UNKNOWN }), []);
        assert.deepEqual(await check({ vpcZoneIdentifiers: UNKNOWN, availabilityZones: UNKNOWN }), []);
    });
});
