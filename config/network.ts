/** The network keys: a new VPC (vpcCidr, availabilityZones, privateSubnets) or an adopted one (existingVpcId, existingSubnetIds). */
import { PRIVATE_RANGES } from "../lib/aws-facts";
import { formatIpv4Cidr, ipv4Contains, ipv4HasHostBits, ipv4Network, parseIpv4Cidr } from "../lib/cidr";
import { Collector } from "./errors";
import { RawReader, stringList } from "./fields";
import { adoptedNetworkCreatesNoSubnets, adoptedNetworkKeepsItsOwn, adoptedNetworkNeedsVpc } from "./rules";
import { DEFAULTS, NetworkSetting, RawConfig, SUBNET_ID, VPC_ID } from "./schema";

export function networkSetting(c: Collector, read: RawReader, raw: RawConfig): NetworkSetting {
    const existingVpcId = read.str("existingVpcId");
    const existingSubnets = read.json("existingSubnetIds", "a list of subnet ids");
    if (existingVpcId !== undefined || existingSubnets !== undefined) {
        if (adoptedNetworkNeedsVpc(c, existingVpcId) && !VPC_ID.test(existingVpcId!)) {
            c.bad("existingVpcId", existingVpcId, "a VPC id like vpc-0123456789abcdef0");
        }
        const subnetIds = stringList(c, "existingSubnetIds", existingSubnets, SUBNET_ID, "a subnet id like subnet-0123456789abcdef0", true);
        adoptedNetworkKeepsItsOwn(c, raw, existingVpcId, existingSubnets);
        adoptedNetworkCreatesNoSubnets(c, read.bool("privateSubnets", false));
        return { kind: "existing", vpcId: existingVpcId ?? "", subnetIds };
    }
    const vpcCidr = read.str("vpcCidr") ?? DEFAULTS.vpcCidr;
    const parsed = parseIpv4Cidr(vpcCidr);
    if (!parsed || parsed.prefix < 16 || parsed.prefix > 24) {
        c.bad("vpcCidr", vpcCidr, "an IPv4 CIDR with a prefix from /16 to /24 (subnets are carved as /prefix+4)");
    } else if (ipv4HasHostBits(parsed)) {
        c.bad("vpcCidr", vpcCidr, "a network address with no host bits set",
            `did you mean "${formatIpv4Cidr({ base: ipv4Network(parsed), prefix: parsed.prefix })}"?`);
    } else if (!PRIVATE_RANGES.some(r => ipv4Contains(parseIpv4Cidr(r)!, parsed))) {
        c.bad("vpcCidr", vpcCidr, `a private range inside ${PRIVATE_RANGES.join(", ")}`);
    }
    return {
        kind: "new",
        vpcCidr,
        availabilityZones: read.int("availabilityZones", DEFAULTS.availabilityZones, 1, 6),
        privateSubnets: read.bool("privateSubnets", DEFAULTS.privateSubnets),
    };
}
