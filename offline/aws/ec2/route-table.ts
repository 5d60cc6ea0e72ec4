/**
 * `aws:ec2/routeTable:RouteTable` (aws_route_table, terraform-provider-aws internal/service/ec2/vpc_route_table.go):
 * what AWS and the provider do for it, as the offline engine and the simulated provider model it.
 */
import { regionRow, TF_EC2 } from "../rows";
import type { AwsType } from "../type";
import { ACCOUNT_ID } from "../world";

const SRC = {
    routeTable: `${TF_EC2}vpc_route_table.go (aws_route_table schema)`,
} as const;

export const routeTable: AwsType = {
    token: "aws:ec2/routeTable:RouteTable",
    kind: {
        stateful: false,
        label: "route table",
        forceNew: [
            { path: "vpcId", source: SRC.routeTable }, // vpc_id: Required, ForceNew
            regionRow,
        ],
        references: [{ path: "vpcId", targetType: "aws:ec2/vpc:Vpc", changesOnReplace: "always" }],
    },
    create(w, a) {
        const { p, name: n } = a;
        const id = w.awsId("rtb", n);
        return { id, state: a.state({ arn: w.arn("ec2", `route-table/${id}`), ownerId: ACCOUNT_ID, routes: p.routes ?? [], propagatingVgws: [] }) };
    },
};
