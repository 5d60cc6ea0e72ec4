/**
 * `aws:lb/targetGroup:TargetGroup` (aws_lb_target_group, terraform-provider-aws
 * internal/service/elbv2/target_group.go): what AWS and the provider do for it, as the offline engine and the simulated
 * provider model it.
 */
import { AwsError } from "../errors";
import { regionRow, TF_ELB } from "../rows";
import type { AwsType } from "../type";

const SRC = {
    targetGroup: `${TF_ELB}target_group.go (aws_lb_target_group schema)`,
} as const;

export const targetGroup: AwsType = {
    token: "aws:lb/targetGroup:TargetGroup",
    kind: {
        stateful: false,
        label: "target group",
        forceNew: [
            { path: "ipAddressType", source: SRC.targetGroup }, // ip_address_type: ForceNew
            { path: "name", source: SRC.targetGroup }, // name: ForceNew
            { path: "namePrefix", source: SRC.targetGroup }, // name_prefix: ForceNew
            { path: "port", source: SRC.targetGroup }, // port: ForceNew
            { path: "protocol", source: SRC.targetGroup }, // protocol: ForceNew
            { path: "protocolVersion", source: SRC.targetGroup }, // protocol_version: ForceNew
            { path: "targetType", source: SRC.targetGroup }, // target_type: ForceNew (default instance)
            { path: "vpcId", source: SRC.targetGroup }, // vpc_id: ForceNew
            regionRow,
        ],
        references: [{ path: "vpcId", targetType: "aws:ec2/vpc:Vpc", changesOnReplace: "always" }],
    },
    // Optional+Computed: the `Optional: true, Computed: true` attributes of the schema (terraform-provider-aws elbv2/target_group.go).
    computed: [
        "connectionTermination", "healthCheck", "ipAddressType", "loadBalancingAlgorithmType", "loadBalancingAnomalyMitigation", "loadBalancingCrossZoneEnabled",
        "name", "namePrefix", "preserveClientIp", "protocolVersion", "stickiness", "targetFailover", "targetGroupHealth", "targetHealthState",
    ],
    // pulumi-aws provider/autonaming.go setAutonaming: tfbridge.AutoName("name", 255, "-") for an input `name`. aws_lb_target_group has 32 (aliases.go).
    autonamed: { property: "name", maxLength: 32 },
    create(w, a) {
        const { p, name: n } = a;
        const targetType = String(p.targetType ?? "instance");
        if (targetType !== "lambda") {
            // customizeDiffTargetGroupTargetTypeNotLambda (target_group.go), at preview.
            for (const key of ["port", "protocol", "vpcId"]) {
                if (p[key] === undefined) {
                    throw new Error(`${key === "vpcId" ? "vpc_id" : key} should be set when target type is ${targetType}`);
                }
            }
            // The schema's ValidateFunc: validation.IntBetween(1, 65535) (target_group.go), at preview.
            if (!Number.isInteger(p.port) || Number(p.port) < 1 || Number(p.port) > 65535) {
                throw new Error(`expected port to be in the range (1 - 65535), got ${p.port}`);
            }
        }
        const vpcId = String(p.vpcId);
        if (p.vpcId !== undefined && !w.vpc(vpcId)) {
            throw new AwsError("ValidationError", `The VPC ID '${vpcId}' is not found`);
        }
        const name = String(p.name ?? w.limitedAutoname(a.type, n, 32));
        const tgId = w.hex(`tg/${n}`, 16);
        const arn = w.arn("elasticloadbalancing", `targetgroup/${name}/${tgId}`);
        w.targetGroups.set(arn, { vpcId, loadBalancers: new Set() });
        return {
            id: arn, state: a.state({
                arn, arnSuffix: `targetgroup/${name}/${tgId}`, name, targetType, loadBalancerArns: [],
                deregistrationDelay: p.deregistrationDelay ?? 300, protocolVersion: p.protocolVersion ?? "HTTP1",
                ipAddressType: p.ipAddressType ?? "ipv4", loadBalancingAlgorithmType: p.loadBalancingAlgorithmType ?? "round_robin",
            }),
        };
    },
    seed(w, id, o) {
        w.targetGroups.set(id, { vpcId: String(o.vpcId), loadBalancers: w.targetGroups.get(id)?.loadBalancers ?? new Set() });
    },
};
