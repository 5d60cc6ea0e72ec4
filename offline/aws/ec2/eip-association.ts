/**
 * `aws:ec2/eipAssociation:EipAssociation` (aws_eip_association, terraform-provider-aws
 * internal/service/ec2/ec2_eip_association.go): what AWS and the provider do for it, as the offline engine and the
 * simulated provider model it.
 */
import { AwsError } from "../errors";
import { regionRow, TF_EC2 } from "../rows";
import { EIP_ASSOCIATION } from "../tokens";
import type { AwsType } from "../type";

const SRC = {
    eipAssociation: `${TF_EC2}ec2_eip_association.go (aws_eip_association schema)`,
} as const;

export const eipAssociation: AwsType = {
    token: EIP_ASSOCIATION,
    kind: {
        stateful: false,
        label: "Elastic IP association",
        forceNew: [
            { path: "allocationId", source: SRC.eipAssociation }, // allocation_id: ForceNew
            { path: "allowReassociation", source: SRC.eipAssociation }, // allow_reassociation: ForceNew
            { path: "instanceId", source: SRC.eipAssociation }, // instance_id: ForceNew
            { path: "networkInterfaceId", source: SRC.eipAssociation }, // network_interface_id: ForceNew
            { path: "privateIpAddress", source: SRC.eipAssociation }, // private_ip_address: ForceNew
            { path: "publicIp", source: SRC.eipAssociation }, // public_ip: ForceNew
            regionRow,
        ],
        references: [
            { path: "instanceId", targetType: "aws:ec2/instance:Instance", changesOnReplace: "always" },
            { path: "allocationId", targetType: "aws:ec2/eip:Eip", changesOnReplace: "always" },
        ],
    },
    // Optional+Computed: the `Optional: true, Computed: true` attributes of the schema (terraform-provider-aws ec2/ec2_eip_association.go).
    computed: [
        "instanceId", "networkInterfaceId", "privateIpAddress", "publicIp",
    ],
    untagged: true,
    create(w, a) {
        const { p, name: n } = a;
        if (!w.allocations.has(String(p.allocationId))) {
            throw new AwsError("InvalidAllocationID.NotFound", `The allocation ID '${p.allocationId}' does not exist`);
        }
        if (!w.instances.has(String(p.instanceId))) {
            throw new AwsError("InvalidInstanceID.NotFound", `The instance ID '${p.instanceId}' does not exist`);
        }
        return { id: w.awsId("eipassoc", n), state: a.state({}) };
    },
};
