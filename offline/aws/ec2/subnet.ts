/**
 * `aws:ec2/subnet:Subnet` (aws_subnet, terraform-provider-aws internal/service/ec2/vpc_subnet.go): what AWS and the
 * provider do for it, as the offline engine and the simulated provider model it.
 */
import { ipv4Contains, parseIpv4Cidr } from "../../../lib/cidr";
import { AwsError } from "../errors";
import { regionRow, TF_EC2 } from "../rows";
import type { AwsType } from "../type";
import { ACCOUNT_ID } from "../world";

const SRC = {
    subnet: `${TF_EC2}vpc_subnet.go (aws_subnet schema)`,
} as const;

export const subnet: AwsType = {
    token: "aws:ec2/subnet:Subnet",
    kind: {
        stateful: false,
        label: "subnet",
        forceNew: [
            { path: "availabilityZone", source: SRC.subnet }, // availability_zone: ForceNew
            { path: "availabilityZoneId", source: SRC.subnet }, // availability_zone_id: ForceNew
            { path: "cidrBlock", source: SRC.subnet }, // cidr_block: ForceNew
            { path: "ipv4IpamPoolId", source: SRC.subnet }, // ipv4_ipam_pool_id: ForceNew
            { path: "ipv4NetmaskLength", source: SRC.subnet }, // ipv4_netmask_length: ForceNew
            { path: "ipv6IpamPoolId", source: SRC.subnet }, // ipv6_ipam_pool_id: ForceNew
            { path: "ipv6Native", source: SRC.subnet }, // ipv6_native: ForceNew
            { path: "ipv6NetmaskLength", source: SRC.subnet }, // ipv6_netmask_length: ForceNew
            { path: "outpostArn", source: SRC.subnet }, // outpost_arn: ForceNew
            { path: "vpcId", source: SRC.subnet }, // vpc_id: Required, ForceNew
            {
                // CustomizeDiff: ForceNewIf("ipv6_cidr_block") when the old subnet had assign_ipv6_address_on_creation
                path: "ipv6CidrBlock",
                source: `${SRC.subnet} (CustomizeDiff ForceNewIf)`,
                condition: {
                    label: "assignIpv6AddressOnCreation was true",
                    holds: (base) => base.assignIpv6AddressOnCreation === true,
                },
            },
            regionRow,
        ],
        references: [{ path: "vpcId", targetType: "aws:ec2/vpc:Vpc", changesOnReplace: "always" }],
    },
    // Optional+Computed: the `Optional: true, Computed: true` attributes of the schema (terraform-provider-aws ec2/vpc_subnet.go).
    computed: [
        "availabilityZone", "availabilityZoneId", "ipv6CidrBlock",
    ],
    create(w, a) {
        const { p, name: n } = a;
        const vpc = w.vpc(String(p.vpcId));
        if (!vpc) {
            throw new AwsError("InvalidVpcID.NotFound", `The vpc ID '${p.vpcId}' does not exist`);
        }
        const cidr = parseIpv4Cidr(String(p.cidrBlock));
        // A VPC the model only assumes has no known CIDR: the range cannot be checked offline.
        if (!cidr || (vpc.cidr !== undefined && !ipv4Contains(parseIpv4Cidr(vpc.cidr)!, cidr)) || cidr.prefix > 28) {
            throw new AwsError("InvalidSubnet.Range", `The CIDR '${p.cidrBlock}' is invalid for VPC ${p.vpcId} (${vpc.cidr ?? "CIDR unknown"})`);
        }
        for (const s of w.subnets.values()) {
            if (s.vpcId === p.vpcId && s.cidr !== undefined && (ipv4Contains(parseIpv4Cidr(s.cidr)!, cidr) || ipv4Contains(cidr, parseIpv4Cidr(s.cidr)!))) {
                throw new AwsError("InvalidSubnet.Conflict", `The CIDR '${p.cidrBlock}' conflicts with another subnet (${s.cidr})`);
            }
        }
        const az = w.requireZone(p.availabilityZone, "subnet");
        const id = w.awsId("subnet", n);
        w.subnets.set(id, { id, vpcId: String(p.vpcId), cidr: String(p.cidrBlock), az, mapPublicIpOnLaunch: p.mapPublicIpOnLaunch === true, used: new Set() });
        return {
            id, state: a.state({
                arn: w.arn("ec2", `subnet/${id}`), ownerId: ACCOUNT_ID, availabilityZoneId: `${w.region.slice(0, 3)}${az.slice(-1)}-az${w.zones.indexOf(az) + 1}`,
                mapPublicIpOnLaunch: p.mapPublicIpOnLaunch ?? false,
            }),
        };
    },
    seed(w, id, o) {
        w.subnets.set(id, { id, vpcId: String(o.vpcId), cidr: String(o.cidrBlock), az: String(o.availabilityZone), mapPublicIpOnLaunch: o.mapPublicIpOnLaunch === true, used: new Set() });
    },
};
