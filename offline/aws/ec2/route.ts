/**
 * `aws:ec2/route:Route` (aws_route, terraform-provider-aws internal/service/ec2/vpc_route.go): what AWS and the
 * provider do for it, as the offline engine and the simulated provider model it.
 */
import { regionRow, TF_EC2 } from "../rows";
import type { AwsType } from "../type";

const SRC = {
    route: `${TF_EC2}vpc_route.go (aws_route schema)`,
} as const;

export const route: AwsType = {
    token: "aws:ec2/route:Route",
    kind: {
        stateful: false,
        label: "route",
        forceNew: [
            { path: "routeTableId", source: SRC.route }, // route_table_id: Required, ForceNew
            { path: "destinationCidrBlock", source: SRC.route }, // destination_cidr_block: ForceNew
            { path: "destinationIpv6CidrBlock", source: SRC.route }, // destination_ipv6_cidr_block: ForceNew
            { path: "destinationPrefixListId", source: SRC.route }, // destination_prefix_list_id: ForceNew
            regionRow,
        ],
        references: [{ path: "routeTableId", targetType: "aws:ec2/routeTable:RouteTable", changesOnReplace: "always" }],
    },
    untagged: true,
    create(w, a) {
        const { p, name: n } = a;
        return { id: `r-${p.routeTableId}${w.hex(`route/${n}`, 10).replace(/[a-f]/g, "")}`, state: a.state({ origin: "CreateRoute", state: "active" }) };
    },
};
