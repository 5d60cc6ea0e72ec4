// offline/aws/model.ts (the mocks: dispatch to the type modules, seeds, releases, replacement rounds, invokes),
// offline/aws/world.ts (ids, autonames, addresses), offline/aws/images.ts and offline/aws/errors.ts. The open world of
// world.ts is tested with the facts that feed it, in tests/offline/facts.spec.ts.
import * as assert from "node:assert/strict";
import { AMI_ALIASES } from "../../../lib/aws-facts";
import { AwsModel, EXISTING, PINNED_IMAGES, unwrapSecrets } from "../../../offline/aws/model";
import { wireSecret } from "../../../offline/sdk-shims";

const REGION = "ap-northeast-2";
const create = (model: AwsModel, type: string, name: string, inputs: Record<string, unknown>) =>
    model.newResource({ type, name, inputs, custom: true } as never);

describe("offline/aws/model", () => {
    it("hands each create to its type's module; a type it has no module for throws, naming where to add it", () => {
        const model = new AwsModel({ region: REGION });
        const vpc = create(model, "aws:ec2/vpc:Vpc", "net", { cidrBlock: "10.0.0.0/16" });
        assert.match(vpc.id!, /^vpc-0[0-9a-f]{16}$/);
        assert.deepEqual(create(model, "ec2-server:network:Network", "net", {}), { id: undefined, state: {} });
        assert.throws(() => create(model, "aws:s3/bucket:Bucket", "b", {}),
            { message: "The AWS model has no resource type aws:s3/bucket:Bucket (b); add it to offline/aws/registry.ts" });
        assert.throws(() => create(model, "aws:ec2/securityGroupRule:SecurityGroupRule", "r", {}), /has no resource type aws:ec2\/securityGroupRule:SecurityGroupRule/);
    });

    it("the same name gives the same ids every run, and a replacement round gives new ones", () => {
        const ids = (round: number) => {
            const model = new AwsModel({ region: REGION });
            return model.withReplacementRound(round, () => create(model, "aws:ec2/eip:Eip", "ip", { domain: "vpc" }).state.publicIp);
        };
        assert.equal(ids(0), ids(0));
        assert.notEqual(ids(0), ids(1));
    });

    it("a seeded resource holds what AWS gives one holder only, until it is released (deleteBeforeReplace)", () => {
        const model = new AwsModel({ region: REGION });
        const allocation = "eipalloc-0123456789abcdef0";
        model.seed("aws:ec2/eip:Eip", allocation, { domain: "vpc" }, { publicIp: "3.34.0.1" });
        model.seed("aws:ec2/natGateway:NatGateway", "nat-0123456789abcdef0", { allocationId: allocation }, {});
        const nat = () => create(model, "aws:ec2/natGateway:NatGateway", "nat", { subnetId: EXISTING.subnets[0].id, allocationId: allocation });
        assert.throws(nat, { message: `Resource.AlreadyAssociated: Elastic IP address [${allocation}] is already associated` });
        model.release("aws:ec2/natGateway:NatGateway", "nat-0123456789abcdef0", { allocationId: allocation }, {});
        assert.equal(nat().state.publicIp, "3.34.0.1");
    });

    it("answers the invokes it knows, records each, and throws on any other", () => {
        const model = new AwsModel({ region: REGION });
        const parameter = model.call({ token: "aws:ssm/getParameter:getParameter", inputs: { name: AMI_ALIASES.al2023.parameter }, provider: "" } as never);
        assert.equal(parameter.value, model.publishedId(AMI_ALIASES.al2023.parameter));
        assert.equal(model.imageRootSizeGiB(PINNED_IMAGES[1].id), 30);
        assert.deepEqual(model.invokes.map(i => i.token), ["aws:ssm/getParameter:getParameter"]);
        assert.throws(() => model.call({ token: "aws:s3/getBucket:getBucket", inputs: {}, provider: "" } as never),
            { message: "The AWS model has no invoke aws:s3/getBucket:getBucket; add it to offline/aws/model.ts" });
    });

    it("reasons about values: the SDK's secret wrappers are removed, anywhere in a value", () => {
        assert.deepEqual(unwrapSecrets({ a: wireSecret({ b: [wireSecret(1)] }), c: "d" }), { a: { b: [1] }, c: "d" });
    });
});
