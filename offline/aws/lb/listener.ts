/**
 * `aws:lb/listener:Listener` (aws_lb_listener, terraform-provider-aws internal/service/elbv2/listener.go): what AWS and
 * the provider do for it, as the offline engine and the simulated provider model it.
 */
import { AwsError } from "../errors";
import { regionRow, TF_ELB } from "../rows";
import type { AwsType, Props } from "../type";

const SRC = {
    listener: `${TF_ELB}listener.go (aws_lb_listener schema)`,
} as const;

export const listener: AwsType = {
    token: "aws:lb/listener:Listener",
    kind: {
        stateful: false,
        label: "listener",
        forceNew: [
            { path: "loadBalancerArn", source: SRC.listener }, // load_balancer_arn: Required, ForceNew
            regionRow,
        ],
        references: [{ path: "loadBalancerArn", targetType: "aws:lb/loadBalancer:LoadBalancer", changesOnReplace: "always" }],
    },
    // Optional+Computed: the `Optional: true, Computed: true` attributes of the schema (terraform-provider-aws elbv2/listener.go).
    computed: [
        "mutualAuthentication", "protocol", "sslPolicy", "tcpIdleTimeoutSeconds",
    ],
    create(w, a) {
        const { p, name: n } = a;
        const lbArn = String(p.loadBalancerArn);
        const lb = w.loadBalancers.get(lbArn);
        if (!lb) {
            throw new AwsError("LoadBalancerNotFound", `The specified load balancer does not exist: '${lbArn}'`);
        }
        const port = Number(p.port);
        if (!Number.isInteger(port) || port < 1 || port > 65535) {
            throw new Error(`expected port to be in the range (1 - 65535), got ${p.port}`);
        }
        const protocol = String(p.protocol ?? "HTTP").toUpperCase();
        if (protocol === "HTTPS" && p.certificateArn === undefined) {
            throw new AwsError("ValidationError", "A certificate must be specified for HTTPS listeners");
        }
        if (protocol === "HTTP" && p.certificateArn !== undefined) {
            throw new AwsError("ValidationError", "A certificate cannot be specified for HTTP listeners");
        }
        if (p.certificateArn !== undefined) {
            const cert = String(p.certificateArn);
            if (!cert.startsWith(`arn:${w.partition}:acm:${w.region}:`)) {
                throw new AwsError("CertificateNotFound", `Certificate '${cert}' not found (a listener takes an ACM certificate of ${w.region})`);
            }
            w.notLookedUp(`certificate ${cert}`, "to exist in ACM, be issued and cover the names clients use (not looked up)");
        }
        if (lb.listenerPorts.has(port)) {
            throw new AwsError("DuplicateListener", "A listener already exists on this port for this load balancer");
        }
        const forwarded: { vpcId: string; loadBalancers: Set<string> }[] = [];
        for (const action of (p.defaultActions as Props[] | undefined) ?? []) {
            if (action.type === "forward" && action.targetGroupArn !== undefined) {
                const group = w.targetGroups.get(String(action.targetGroupArn));
                if (!group) {
                    throw new AwsError("TargetGroupNotFound", `The specified target group does not exist: '${action.targetGroupArn}'`);
                }
                if (group.vpcId !== lb.vpcId) {
                    throw new AwsError("ValidationError", `The target group '${action.targetGroupArn}' is in VPC '${group.vpcId}', not in the load balancer's VPC '${lb.vpcId}'`);
                }
                forwarded.push(group);
            }
        }
        lb.listenerPorts.add(port);
        // A listener that forwards to a target group associates the group with the load balancer.
        forwarded.forEach(g => g.loadBalancers.add(lbArn));
        const arn = `${lbArn.replace(":loadbalancer/", ":listener/")}/${w.hex(`listener/${n}`, 16)}`;
        return { id: arn, state: a.state({ arn, protocol, sslPolicy: p.sslPolicy ?? (protocol === "HTTPS" ? "ELBSecurityPolicy-2016-08" : "") }) };
    },
    seed(w, id, o) {
        w.loadBalancers.get(String(o.loadBalancerArn))?.listenerPorts.add(Number(o.port));
        // State order is not assumed: a target group seeded later keeps the association (see its case).
        for (const action of (o.defaultActions as Props[] | undefined) ?? []) {
            if (action.type === "forward" && action.targetGroupArn !== undefined) {
                const arn = String(action.targetGroupArn);
                const group = w.targetGroups.get(arn) ?? { vpcId: "", loadBalancers: new Set<string>() };
                group.loadBalancers.add(String(o.loadBalancerArn));
                w.targetGroups.set(arn, group);
            }
        }
    },
};
