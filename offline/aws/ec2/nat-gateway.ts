/**
 * `aws:ec2/natGateway:NatGateway` (aws_nat_gateway, terraform-provider-aws internal/service/ec2/vpc_nat_gateway.go):
 * what AWS and the provider do for it, as the offline engine and the simulated provider model it.
 */
import { UNKNOWN_PUBLIC_IP } from "../../facts";
import { AwsError } from "../errors";
import { asList, regionRow, TF_EC2 } from "../rows";
import { NAT_GATEWAY } from "../tokens";
import type { AwsType } from "../type";

const SRC = {
    natGateway: `${TF_EC2}vpc_nat_gateway.go (aws_nat_gateway schema)`,
    natGatewayPrivateCount: `${TF_EC2}vpc_nat_gateway.go (resourceNATGatewayCustomizeDiff: ForceNew("secondary_private_ip_address_count") when connectivity_type = private)`,
    natGatewayAutoMode: `${TF_EC2}vpc_nat_gateway.go (validateRegionalNATGatewayAvailabilityZoneAddress: ForceNew("regional_nat_gateway_auto_mode") when availability_zone_address turns empty ↔ non-empty)`,
} as const;

export const natGateway: AwsType = {
    token: NAT_GATEWAY,
    kind: {
        stateful: false,
        label: "NAT gateway",
        forceNew: [
            { path: "allocationId", source: SRC.natGateway }, // allocation_id: ForceNew
            { path: "availabilityMode", source: SRC.natGateway }, // availability_mode: ForceNew
            { path: "connectivityType", source: SRC.natGateway }, // connectivity_type: ForceNew (default public)
            { path: "privateIp", source: SRC.natGateway }, // private_ip: ForceNew
            { path: "subnetId", source: SRC.natGateway }, // subnet_id: ForceNew
            { path: "vpcId", source: SRC.natGateway }, // vpc_id: ForceNew
            {
                path: "secondaryPrivateIpAddressCount",
                source: SRC.natGatewayPrivateCount,
                condition: {
                    label: "connectivityType is private and secondaryPrivateIpAddressCount is set",
                    holds: (_base, head) => head.connectivityType === "private" && head.secondaryPrivateIpAddressCount != null,
                },
            },
            {
                path: "availabilityZoneAddresses",
                source: SRC.natGatewayAutoMode,
                condition: {
                    label: "availabilityMode is regional and availabilityZoneAddresses turn empty ↔ non-empty (auto ↔ manual mode)",
                    holds: (base, head) =>
                        head.availabilityMode === "regional" &&
                        (asList(base.availabilityZoneAddresses).length === 0) !== (asList(head.availabilityZoneAddresses).length === 0),
                },
            },
            regionRow,
        ],
        references: [
            { path: "subnetId", targetType: "aws:ec2/subnet:Subnet", changesOnReplace: "always" },
            { path: "allocationId", targetType: "aws:ec2/eip:Eip", changesOnReplace: "always" },
            { path: "vpcId", targetType: "aws:ec2/vpc:Vpc", changesOnReplace: "always" },
        ],
    },
    create(w, a) {
        const { p, name: n } = a;
        const connectivityType = String(p.connectivityType ?? "public");
        const subnet = w.subnet(String(p.subnetId));
        if (!subnet) {
            throw new AwsError("InvalidSubnetID.NotFound", `The subnet ID '${p.subnetId}' does not exist`);
        }
        let publicIp = "";
        if (connectivityType === "public") {
            const allocationId = String(p.allocationId);
            if (p.allocationId === undefined) {
                throw new AwsError("MissingParameter", "A public NAT gateway needs an Elastic IP allocation (AllocationId)");
            }
            if (!w.allocations.has(allocationId)) {
                throw new AwsError("InvalidAllocationID.NotFound", `The allocation ID '${allocationId}' does not exist`);
            }
            if (w.natAllocations.has(allocationId)) {
                throw new AwsError("Resource.AlreadyAssociated", `Elastic IP address [${allocationId}] is already associated`);
            }
            w.natAllocations.add(allocationId);
            publicIp = w.eipAddresses.get(allocationId) ?? UNKNOWN_PUBLIC_IP;
        }
        const id = w.awsId("nat", n);
        return {
            id, state: a.state({
                connectivityType, availabilityMode: p.availabilityMode ?? "zonal", vpcId: subnet.vpcId,
                allocationId: p.allocationId ?? "", associationId: connectivityType === "public" ? w.awsId("eipassoc", `nat/${n}`) : "",
                networkInterfaceId: w.awsId("eni", `nat/${n}`), privateIp: w.privateAddress(subnet, `nat/${n}`), publicIp,
                secondaryAllocationIds: [], secondaryPrivateIpAddressCount: 0, secondaryPrivateIpAddresses: [],
            }),
        };
    },
    seed(w, id, o) {
        if (o.allocationId !== undefined) {
            w.natAllocations.add(String(o.allocationId));
        }
    },
    release(w, id, o) {
        w.natAllocations.delete(String(o.allocationId));
    },
    deleteFate(r) {
        return `deletes ${r.id}: the private subnets routed through it lose outbound internet access until a new gateway's route is in place`;
    },
};
