/** The network keys: a new VPC (vpcCidr, availabilityZones, privateSubnets) or an adopted one (existingVpcId, existingSubnetIds). */
import { Collector } from "./errors";
import { readStringList } from "./fields";
import { RawReader } from "./raw";
import { adoptedNetworkCreatesNoSubnets, adoptedNetworkKeepsItsOwn, adoptedNetworkNeedsVpc } from "./rules";
import { CONFIG, DEFAULTS, NetworkSetting, RawConfig } from "./schema";

export function networkSetting(c: Collector, read: RawReader, raw: RawConfig): NetworkSetting {
    const existingVpcId = read.text("existingVpcId");
    const existingSubnets = read.decoded("existingSubnetIds");
    if (existingVpcId !== undefined || existingSubnets !== undefined) {
        if (adoptedNetworkNeedsVpc(c, existingVpcId)) {
            read.check("existingVpcId");
        }
        const subnetIds = readStringList(c, "existingSubnetIds", existingSubnets, CONFIG.entries.existingSubnetIds);
        adoptedNetworkKeepsItsOwn(c, raw, existingVpcId, existingSubnets);
        adoptedNetworkCreatesNoSubnets(c, read.value("privateSubnets"));
        return { kind: "existing", vpcId: existingVpcId ?? "", subnetIds };
    }
    const vpcCidr = read.text("vpcCidr") ?? DEFAULTS.vpcCidr;
    read.check("vpcCidr");
    return {
        kind: "new",
        vpcCidr,
        availabilityZones: read.value("availabilityZones"),
        privateSubnets: read.value("privateSubnets"),
    };
}
