/**
 * `aws:ec2/internetGateway:InternetGateway` (aws_internet_gateway, terraform-provider-aws
 * internal/service/ec2/vpc_internet_gateway.go): what AWS and the provider do for it, as the offline engine and the
 * simulated provider model it.
 */
import { regionRow } from "../rows";
import type { AwsType } from "../type";
import { ACCOUNT_ID } from "../world";

export const internetGateway: AwsType = {
    token: "aws:ec2/internetGateway:InternetGateway",
    kind: {
        stateful: false,
        label: "internet gateway",
        forceNew: [regionRow], // vpc_internet_gateway.go: vpc_id is Optional, Computed, not ForceNew (Update detaches, attaches)
        references: [],
    },
    create(w, a) {
        const n = a.name;
        const id = w.awsId("igw", n);
        return { id, state: a.state({ arn: w.arn("ec2", `internet-gateway/${id}`), ownerId: ACCOUNT_ID }) };
    },
};
