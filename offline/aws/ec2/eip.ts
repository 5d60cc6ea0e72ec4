/**
 * `aws:ec2/eip:Eip` (aws_eip, terraform-provider-aws internal/service/ec2/ec2_eip.go): what AWS and the provider do for
 * it, as the offline engine and the simulated provider model it.
 */
import { AwsError } from "../errors";
import { regionRow, TF_EC2, TF_SERVICE } from "../rows";
import { EIP, EIP_ASSOCIATION, INSTANCE, NAT_GATEWAY } from "../tokens";
import type { AwsType } from "../type";

const SRC = {
    eip: `${TF_EC2}ec2_eip.go (aws_eip schema)`,
} as const;

export const eip: AwsType = {
    token: EIP,
    kind: {
        stateful: true,
        label: "Elastic IP",
        forceNew: [
            { path: "address", source: SRC.eip }, // address: ForceNew
            { path: "domain", source: SRC.eip }, // domain: ForceNew
            { path: "ipamPoolId", source: SRC.eip }, // ipam_pool_id: ForceNew
            { path: "networkBorderGroup", source: SRC.eip }, // network_border_group: ForceNew
            { path: "publicIpv4Pool", source: SRC.eip }, // public_ipv4_pool: ForceNew
            regionRow,
        ],
        references: [],
    },
    // Optional+Computed: the `Optional: true, Computed: true` attributes of the schema (terraform-provider-aws ec2_eip.go `ResourceEIP`).
    computed: [
        "domain", "instance", "networkInterface", "associateWithPrivateIp", "publicIpv4Pool", "networkBorderGroup",
    ],
    readBackRules: [
        { property: "instance, associationId, privateIp", rule: "the associated instance, association id and private address", source: `${TF_SERVICE}ec2/ec2_eip.go resourceEIPRead` },
        { property: "associationId, networkInterface, privateIp", rule: "for a NAT gateway's Elastic IP: the gateway's association, network interface and private address (no instance)", source: `${TF_SERVICE}ec2/ec2_eip.go resourceEIPRead (address.AssociationId, NetworkInterfaceId, PrivateIpAddress); ec2/vpc_nat_gateway.go resourceNATGatewayRead (the same address from NatGatewayAddresses)` },
    ],
    create(w, a) {
        const { p, name: n } = a;
        if (p.domain !== "vpc") {
            throw new AwsError("InvalidParameterValue", "EC2-Classic is retired; an Elastic IP needs domain \"vpc\"");
        }
        const allocationId = w.awsId("eipalloc", n);
        w.allocations.add(allocationId);
        const publicIp = w.publicAddress(`eip/${n}`);
        w.eipAddresses.set(allocationId, publicIp);
        return { id: allocationId, state: a.state({ allocationId, publicIp, publicDns: w.publicDnsName(publicIp), arn: w.arn("ec2", `elastic-ip/${allocationId}`), ptrRecord: "" }) };
    },
    seed(w, id, o) {
        w.allocations.add(id);
        if (typeof o.publicIp === "string") {
            w.eipAddresses.set(id, o.publicIp);
        }
    },
    readBack(out, r, world) {
        const association = world.find(x => x.type === EIP_ASSOCIATION && x.outputs.allocationId === r.id);
        const instance = association && world.find(x => x.type === INSTANCE && x.id === association.outputs.instanceId);
        out.instance = instance ? instance.id : "";
        out.associationId = association ? association.id : "";
        out.privateIp = instance ? instance.outputs.privateIp : "";
        // A NAT gateway holds its Elastic IP through its own network interface (no EipAssociation resource).
        const nat = !association && world.find(x => x.type === NAT_GATEWAY && x.outputs.allocationId === r.id);
        if (nat) {
            out.associationId = nat.outputs.associationId;
            out.networkInterface = nat.outputs.networkInterfaceId;
            out.privateIp = nat.outputs.privateIp;
        }
    },
    deleteFate(r) {
        return `releases ${r.outputs.publicIp ?? r.id}: the address is gone for good`;
    },
};
