/**
 * `aws:ec2/routeTableAssociation:RouteTableAssociation` (aws_route_table_association, terraform-provider-aws
 * internal/service/ec2/vpc_route_table_association.go): what AWS and the provider do for it, as the offline engine and
 * the simulated provider model it.
 */
import { regionRow, TF_EC2 } from "../rows";
import type { AwsType } from "../type";

const SRC = {
    routeTableAssociation: `${TF_EC2}vpc_route_table_association.go (aws_route_table_association schema)`,
} as const;

export const routeTableAssociation: AwsType = {
    token: "aws:ec2/routeTableAssociation:RouteTableAssociation",
    kind: {
        stateful: false,
        label: "route table association",
        forceNew: [
            { path: "subnetId", source: SRC.routeTableAssociation }, // subnet_id: ForceNew
            { path: "gatewayId", source: SRC.routeTableAssociation }, // gateway_id: ForceNew
            regionRow,
        ],
        references: [
            { path: "subnetId", targetType: "aws:ec2/subnet:Subnet", changesOnReplace: "always" },
            { path: "gatewayId", targetType: "aws:ec2/internetGateway:InternetGateway", changesOnReplace: "always" },
        ],
    },
    untagged: true,
    create(w, a) {
        const n = a.name;
        return { id: w.awsId("rtbassoc", n), state: a.state({}) };
    },
};
