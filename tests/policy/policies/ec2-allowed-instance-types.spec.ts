import * as assert from "node:assert/strict";
import { ec2AllowedInstanceTypes as policy, matchesInstanceType } from "../../../policy/policies/ec2-allowed-instance-types";
import { T } from "../../../policy/lib/types";
import { UNKNOWN, validateResource, validateResourceDetailed } from "../helpers";

const ALLOWED = ["t3.*", "t4g.*", "m7i.large"];
const msg = (type: string, list = ALLOWED) =>
    `instanceType "${type}" is not in the allow-list (${list.join(", ")}). Choose an allowed type, or add this one to the policy's allowedInstanceTypes config.`;

const instance = (instanceType: unknown, config: Record<string, unknown> | undefined = { allowedInstanceTypes: ALLOWED }) =>
    validateResource(policy, { type: T.Instance, props: { ami: "ami-1", instanceType }, config });
const template = (instanceType: unknown, config: Record<string, unknown> | undefined = { allowedInstanceTypes: ALLOWED }) =>
    validateResource(policy, { type: T.LaunchTemplate, props: { imageId: "ami-1", instanceType }, config });

describe("ec2-allowed-instance-types", () => {
    it("#1 compliant: a type matching a family wildcard or an exact entry", async () => {
        assert.deepEqual(await instance("t3.micro"), []);
        assert.deepEqual(await instance("t4g.small"), []);
        assert.deepEqual(await template("m7i.large"), []);
    });
    it("#2 a type outside the list", async () => {
        assert.deepEqual(await instance("m5.24xlarge"), [msg("m5.24xlarge")]);
        assert.deepEqual(await template("p5.48xlarge"), [msg("p5.48xlarge")]);
    });
    it("#3 an exact entry does not allow its siblings, and a family prefix is not a wildcard", async () => {
        assert.deepEqual(await instance("m7i.xlarge"), [msg("m7i.xlarge")]);
        assert.deepEqual(await instance("t3a.micro"), [msg("t3a.micro")]);
    });
    it("#4 matching ignores case and surrounding spaces", async () => {
        assert.deepEqual(await instance("T3.Micro"), []);
        assert.deepEqual(await instance("t3.micro", { allowedInstanceTypes: [" T3.* "] }), []);
    });
    it("#5 no restriction when the allow-list is empty or unset (the default)", async () => {
        assert.deepEqual(await instance("x2iedn.32xlarge", { allowedInstanceTypes: [] }), []);
        assert.deepEqual(await instance("x2iedn.32xlarge", {}), []);
        assert.deepEqual(policy.configSchema?.properties["allowedInstanceTypes"]?.default, []);
    });
    it("#6 wildcards anywhere; regex characters are literal", () => {
        assert.equal(matchesInstanceType("*.large", "m7g.large"), true);
        assert.equal(matchesInstanceType("*", "anything.at-all"), true);
        assert.equal(matchesInstanceType("t3.*", "t3xmicro"), false);
        assert.equal(matchesInstanceType("t3.micro", "t3.micro2"), false);
    });
    it("#7 unset instanceType (from a launch template / instanceRequirements) and unknown are not reported", async () => {
        assert.deepEqual(await instance(undefined), []);
        assert.deepEqual(await template(undefined), []);
        assert.deepEqual(await instance(UNKNOWN), []);
    });
    it("#8 other types are not applicable", async () => {
        const outcome = await validateResourceDetailed(policy, { type: T.Volume, props: {}, config: { allowedInstanceTypes: ALLOWED } });
        assert.deepEqual(outcome, { messages: [], notApplicable: `applies only to ${T.Instance}, ${T.LaunchTemplate}` });
    });
});
