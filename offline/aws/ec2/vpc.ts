/**
 * `aws:ec2/vpc:Vpc` (aws_vpc, terraform-provider-aws terraform-provider-aws internal/service/ec2/vpc_.go): what AWS and
 * the provider do for it, as the offline engine and the simulated provider model it.
 */
import { parseIpv4Cidr } from "../../../lib/cidr";
import { AwsError } from "../errors";
import { regionRow, TF_EC2 } from "../rows";
import type { AwsType } from "../type";
import { ACCOUNT_ID } from "../world";

const SRC = {
    vpc: `${TF_EC2}vpc_.go (aws_vpc schema)`,
    vpcTenancy: `${TF_EC2}vpc_.go (resourceVPCCustomizeDiff: diff.ForceNew("instance_tenancy") unless dedicated → default)`,
} as const;

export const vpc: AwsType = {
    token: "aws:ec2/vpc:Vpc",
    kind: {
        stateful: false,
        label: "VPC",
        forceNew: [
            { path: "cidrBlock", source: SRC.vpc }, // cidr_block: ForceNew
            { path: "ipv4IpamPoolId", source: SRC.vpc }, // ipv4_ipam_pool_id: ForceNew
            { path: "ipv4NetmaskLength", source: SRC.vpc }, // ipv4_netmask_length: ForceNew
            {
                path: "instanceTenancy",
                source: SRC.vpcTenancy,
                condition: {
                    label: "instanceTenancy changes, other than dedicated → default (unset means default)",
                    holds: (base, head) => {
                        const [b, h] = [base.instanceTenancy ?? "default", head.instanceTenancy ?? "default"];
                        return b !== h && !(b === "dedicated" && h === "default");
                    },
                },
            },
            regionRow,
        ],
        references: [],
    },
    // Optional+Computed: the `Optional: true, Computed: true` attributes of the schema (terraform-provider-aws ec2/vpc_.go).
    computed: [
        "enableDnsSupport", "instanceTenancy", "ipv6CidrBlock",
    ],
    create(w, a) {
        const { p, name: n } = a;
        const cidr = parseIpv4Cidr(String(p.cidrBlock));
        if (!cidr || cidr.prefix < 16 || cidr.prefix > 28) {
            throw new AwsError("InvalidVpc.Range", `The CIDR '${p.cidrBlock}' is invalid (a VPC takes /16 to /28)`);
        }
        const id = w.awsId("vpc", n);
        w.vpcs.set(id, { cidr: String(p.cidrBlock) });
        w.createdVpcs.add(id);
        return {
            id, state: a.state({
                arn: w.arn("ec2", `vpc/${id}`), ownerId: ACCOUNT_ID, instanceTenancy: "default",
                defaultSecurityGroupId: w.awsId("sg", `${n}/default`), mainRouteTableId: w.awsId("rtb", `${n}/main`),
                defaultNetworkAclId: w.awsId("acl", `${n}/default`), dhcpOptionsId: w.awsId("dopt", "default"),
            }),
        };
    },
    seed(w, id, o) {
        w.vpcs.set(id, { cidr: String(o.cidrBlock) });
    },
};
