/**
 * `aws:ec2/vpcEndpoint:VpcEndpoint` (aws_vpc_endpoint, terraform-provider-aws internal/service/ec2/vpc_endpoint.go):
 * what AWS and the provider do for it, as the offline engine and the simulated provider model it.
 */
import { AwsError } from "../errors";
import { regionRow, TF_DOCS, TF_EC2 } from "../rows";
import type { AwsType } from "../type";
import { ACCOUNT_ID } from "../world";

const SRC = {
    vpcEndpoint: `${TF_EC2}vpc_endpoint.go (aws_vpc_endpoint schema)`,
    vpcEndpointPrivateDns: `${TF_DOCS}vpc_endpoint.html.markdown (private_dns_enabled: forces a new resource unless vpc_endpoint_type is Interface)`,
} as const;

export const vpcEndpoint: AwsType = {
    token: "aws:ec2/vpcEndpoint:VpcEndpoint",
    kind: {
        stateful: false,
        label: "VPC endpoint",
        forceNew: [
            { path: "serviceName", source: SRC.vpcEndpoint }, // service_name: ForceNew
            { path: "vpcEndpointType", source: SRC.vpcEndpoint }, // vpc_endpoint_type: ForceNew (default Gateway)
            { path: "vpcId", source: SRC.vpcEndpoint }, // vpc_id: Required, ForceNew
            {
                path: "privateDnsEnabled",
                source: SRC.vpcEndpointPrivateDns,
                condition: {
                    label: "vpcEndpointType is not Interface",
                    holds: (_base, head) => head.vpcEndpointType !== "Interface",
                },
            },
            regionRow,
        ],
        references: [{ path: "vpcId", targetType: "aws:ec2/vpc:Vpc", changesOnReplace: "always" }],
    },
    // Optional+Computed: the `Optional: true, Computed: true` attributes of the schema (terraform-provider-aws ec2/vpc_endpoint.go).
    computed: [
        "policy", "dnsOptions", "ipAddressType", "securityGroupIds", "subnetIds", "routeTableIds",
    ],
    create(w, a) {
        const { p, name: n } = a;
        const expected = new RegExp(`^com\\.amazonaws\\.${w.region}\\.[a-z0-9.-]+$`);
        if (!expected.test(String(p.serviceName))) {
            throw new AwsError("InvalidServiceName", `The Vpc Endpoint Service '${p.serviceName}' does not exist in ${w.region}`);
        }
        const id = w.awsId("vpce", n);
        return {
            id, state: a.state({
                arn: w.arn("ec2", `vpc-endpoint/${id}`), ownerId: ACCOUNT_ID, state: "available",
                networkInterfaceIds: (p.subnetIds as string[] ?? []).map((s, i) => w.awsId("eni", `${n}/${i}`)),
                dnsEntries: [{ dnsName: `${id}-${w.hex(n, 8)}.${String(p.serviceName).split(".").pop()}.${w.region}.vpce.${w.dnsSuffix}`, hostedZoneId: "Z27UANNT0PRK1T" }],
            }),
        };
    },
};
