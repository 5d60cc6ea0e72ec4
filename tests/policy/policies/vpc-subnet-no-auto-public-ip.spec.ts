import * as assert from "node:assert/strict";
import { vpcSubnetNoAutoPublicIp as policy } from "../../../policy/policies/vpc-subnet-no-auto-public-ip";
import { T } from "../../../policy/lib/types";
import { UNKNOWN, validateResource, validateResourceDetailed } from "../helpers";

const MSG = "mapPublicIpOnLaunch is true, so every instance launched in this subnet gets a public IPv4 address. " +
    "Set it to false and attach an Elastic IP to the one instance that needs a public address, if any.";

const subnet = (props: Record<string, unknown>) =>
    validateResource(policy, { type: T.Subnet, props: { vpcId: "vpc-1", cidrBlock: "10.0.0.0/24", mapPublicIpOnLaunch: false, ...props } });

describe("vpc-subnet-no-auto-public-ip", () => {
    it("#1 compliant: mapPublicIpOnLaunch false or unset (AWS default false)", async () => {
        assert.deepEqual(await subnet({}), []);
        assert.deepEqual(await subnet({ mapPublicIpOnLaunch: undefined }), []);
    });
    it("#2 mapPublicIpOnLaunch true", async () => {
        assert.deepEqual(await subnet({ mapPublicIpOnLaunch: true }), [MSG]);
    });
    it("#3 mapPublicIpOnLaunch \"true\" as a string", async () => {
        assert.deepEqual(await subnet({ mapPublicIpOnLaunch: "true" }), [MSG]);
    });
    it("#4 unknown is not reported", async () => {
        assert.deepEqual(await subnet({ mapPublicIpOnLaunch: UNKNOWN }), []);
    });
    it("#5 other types are not applicable", async () => {
        const outcome = await validateResourceDetailed(policy, { type: T.Instance, props: {} });
        assert.deepEqual(outcome, { messages: [], notApplicable: `applies only to ${T.Subnet}` });
    });
});
