/** What the pack is asked about in the pack's specs: resources of the dev stack with the default AWS provider. */
import { T } from "../../policy/lib/types";
import type { PolicyResource } from "../../offline/policy/analyzer";
import { STACK, urnOf } from "./helpers";

export const provider = {
    type: "pulumi:providers:aws",
    name: "default",
    urn: `${STACK}::pulumi:providers:aws::default`,
    // What the Node.js AWS provider sends: object-valued inputs JSON-encoded.
    properties: { region: "ap-northeast-2", defaultTags: JSON.stringify({ tags: { Name: "ec2-server", Environment: "prod" } }) },
};

export const resource = (type: string, name: string, properties: Record<string, unknown>, extra: Partial<PolicyResource> = {}): PolicyResource => ({
    urn: urnOf(type, name),
    type,
    name,
    properties,
    provider,
    ...extra,
});

export const sshFromInternet = resource(T.SecurityGroupIngressRule, "ssh", {
    securityGroupId: "sg-1",
    ipProtocol: "tcp",
    fromPort: 22,
    toPort: 22,
    cidrIpv4: "0.0.0.0/0",
    description: "SSH",
});

export const instance = (props: Record<string, unknown>) =>
    resource(T.Instance, "server", {
        ami: "ami-1",
        instanceType: "t3.micro",
        subnetId: "subnet-1",
        metadataOptions: { httpTokens: "required" },
        rootBlockDevice: { encrypted: true },
        ...props,
    });
