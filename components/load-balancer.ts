import * as pulumi from "@pulumi/pulumi";
import * as aws from "../lib/aws";
import { parseIpv4Cidr, parseIpv6Cidr } from "../lib/cidr";
import { ruleSlug } from "../lib/rule-names";
import { FirewallRule } from "./security-group";

/** A current TLS policy: TLS 1.3 and 1.2 with forward-secret ciphers only (ELB User Guide, "Security policies"). */
export const ALB_TLS_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06";

/** The port that carries the HTTP → HTTPS redirect when the load balancer has a certificate. */
export const HTTP_REDIRECT_PORT = 80;

/**
 * The longest component name whose children still fit AWS's 32-character load balancer and target group names:
 * Pulumi autonames `<name>-alb` as `<name>-alb-<7 random hex>` and refuses a name that would not fit ("name '…-'
 * plus 7 random chars is longer than maximum length 32"), so `<name>-alb` may have at most 24 characters.
 */
export const MAX_LOAD_BALANCER_NAME = 20;

/** The listener, the target group's health check, who may connect and deletion protection. */
export interface LoadBalancerSetting {
    /** The listener port: HTTPS with `certificateArn`, else HTTP. Not 80 with `certificateArn`. */
    port: number;
    /** The servers' port: requests and health checks go there. */
    targetPort: number;
    /** The health check's path, such as `/health`. */
    healthCheckPath: string;
    /**
     * An ACM certificate ARN: an HTTPS listener with a current TLS policy, and HTTP on 80 redirected to HTTPS.
     * @default none (an HTTP listener)
     */
    certificateArn?: string;
    /** IPv4 and IPv6 CIDRs that may reach the load balancer (only the IPv4 ones get rules: it is IPv4-only). */
    sources: string[];
    /** The load balancer's deletion protection, plus Pulumi's `protect`. */
    deletionProtection: boolean;
    /**
     * With an adopted network: the public subnets of the load balancer (at least two zones); the component takes its
     * subnets from `LoadBalancerArgs.subnetIds`, the program from here. @default none (the new network's public subnets)
     */
    subnetIds?: string[];
}

export interface LoadBalancerArgs {
    /** The VPC of the load balancer, its target group and its two security groups. */
    vpcId: pulumi.Input<string>;
    /** Public subnets for the load balancer, in at least two availability zones. */
    subnetIds: pulumi.Input<string>[];
    /** How many distinct availability zones `subnetIds` cover (a plain count: it decides whether the ALB can exist). */
    zones: number;
    /**
     * Listener port, target port, health check path, certificate, sources and deletion protection.
     * The load balancer is IPv4-only (`ipAddressType` "ipv4": the network has no IPv6 CIDR), so only the IPv4
     * entries of `sources` become rules; an IPv6 source could never reach it and gets no rule.
     */
    settings: LoadBalancerSetting;
    /** Prefix of the Name tags. @default the component name */
    namePrefix?: string;
    /** Tags for every resource (besides the provider's default tags). @default {} */
    tags?: Record<string, string>;
}

/**
 * An internet-facing Application Load Balancer in front of the servers:
 * - the load balancer (invalid header fields dropped, Security Hub ELB.4), IPv4 only;
 * - its security group: the listener port(s) from each IPv4 source, and out only to the targets' port on the
 *   targets group;
 * - a targets security group for the servers (given to them besides their own firewall), which lets in only the
 *   target port from the load balancer's group;
 * - a target group (HTTP, instances) with a health check;
 * - with a certificate: HTTPS on `port` with a current TLS policy, and HTTP on 80 redirected to HTTPS (ELB.1);
 *   without one: HTTP on `port`.
 *
 * It registers no targets: the servers need its targets security group, so it is built before them. Fixed servers
 * register themselves (`Instance`'s `targetGroupArn`), an Auto Scaling group through `AutoScaling`'s `targetGroupArn`
 * (a TrafficSourceAttachment).
 *
 * With `deletionProtection` the load balancer also gets Pulumi's `protect`: AWS refuses to delete it, but only
 * after a replacement has been created, so the engine refuses the replacement or delete at preview instead.
 */
export class LoadBalancer extends pulumi.ComponentResource {
    public readonly loadBalancerArn: pulumi.Output<string>;
    /** `app/<name>/<id>`: the CloudWatch `LoadBalancer` dimension. */
    public readonly arnSuffix: pulumi.Output<string>;
    public readonly dnsName: pulumi.Output<string>;
    /** The load balancer's canonical hosted zone, for Route 53 alias records. */
    public readonly zoneId: pulumi.Output<string>;
    /** `https://<dnsName>` (or `http://`), with `:<port>` unless it is the scheme's default port. */
    public readonly url: pulumi.Output<string>;
    /** For `AutoScaling`'s or `Instance`'s `targetGroupArn`. */
    public readonly targetGroupArn: pulumi.Output<string>;
    /** `targetgroup/<name>/<id>`: the CloudWatch `TargetGroup` dimension and the ALBRequestCountPerTarget label. */
    public readonly targetGroupArnSuffix: pulumi.Output<string>;
    /** The load balancer's own security group. */
    public readonly securityGroupId: pulumi.Output<string>;
    /** The group to give the servers: it lets in the target port from the load balancer only. */
    public readonly targetsSecurityGroupId: pulumi.Output<string>;
    /**
     * The listener that forwards to the target group: it is what associates the target group with the load
     * balancer, which a requests-per-target scaling policy needs before it can be created.
     */
    public readonly forwardingListener: aws.lb.Listener;

    constructor(name: string, args: LoadBalancerArgs, opts?: pulumi.ComponentResourceOptions) {
        super("ec2-server:network:LoadBalancer", name, {}, opts);
        const s = args.settings;
        const https = s.certificateArn !== undefined;
        if (name.length > MAX_LOAD_BALANCER_NAME) {
            throw new Error(`LoadBalancer name '${name}' is too long: at most ${MAX_LOAD_BALANCER_NAME} characters, so that '${name}-alb' plus Pulumi's 8-character suffix fits AWS's 32-character load balancer name`);
        }
        if (args.zones < 2 || args.subnetIds.length < 2) {
            throw new Error(`An Application Load Balancer needs subnets in at least two availability zones; got ${args.subnetIds.length} subnet(s) in ${args.zones} zone(s)`);
        }
        if (args.zones > args.subnetIds.length) {
            throw new Error(`'zones' (${args.zones}) cannot exceed the number of subnets (${args.subnetIds.length})`);
        }
        for (const [key, port] of [["port", s.port], ["targetPort", s.targetPort]] as const) {
            if (!Number.isInteger(port) || port < 1 || port > 65535) {
                throw new Error(`'${key}' must be a port from 1 to 65535, got ${port}`);
            }
        }
        if (https && s.port === HTTP_REDIRECT_PORT) {
            throw new Error(`With 'certificateArn', 'port' cannot be ${HTTP_REDIRECT_PORT}: port ${HTTP_REDIRECT_PORT} carries the HTTP to HTTPS redirect`);
        }
        const unparsable = s.sources.filter(c => !parseIpv4Cidr(c) && !parseIpv6Cidr(c));
        if (unparsable.length > 0) {
            throw new Error(`'sources' must be IPv4 or IPv6 CIDRs; not ${unparsable.join(", ")}`);
        }
        // The ALB is IPv4-only: an IPv6 source has nothing to reach, so it gets no rule.
        const sources = [...new Set(s.sources.filter(c => parseIpv4Cidr(c)))];
        if (sources.length === 0) {
            throw new Error(`'sources' has no IPv4 CIDR (${s.sources.join(", ") || "none"}): the load balancer is IPv4-only, so no one could reach it`);
        }

        const tags = args.tags ?? {};
        const prefix = args.namePrefix ?? name;
        const child = { parent: this };

        const albSg = new aws.ec2.SecurityGroup(`${name}-sg`, {
            vpcId: args.vpcId,
            description: "ec2-server load balancer",
            // Let a destroy succeed although the targets group references this one (and the other way round).
            revokeRulesOnDelete: true,
            tags: { ...tags, Name: `${prefix}-alb` },
        }, child);
        const targetsSg = new aws.ec2.SecurityGroup(`${name}-targets`, {
            vpcId: args.vpcId,
            description: "ec2-server load balancer targets",
            revokeRulesOnDelete: true,
            tags: { ...tags, Name: `${prefix}-alb-targets` },
        }, child);

        const listenerPorts: { port: number; what: string }[] = https
            ? [{ port: s.port, what: "HTTPS" }, { port: HTTP_REDIRECT_PORT, what: "HTTP (redirected to HTTPS)" }]
            : [{ port: s.port, what: "HTTP" }];
        for (const { port, what } of listenerPorts) {
            for (const cidr of sources) {
                const rule: FirewallRule = { protocol: "tcp", fromPort: port, toPort: port, peer: { kind: "cidrIpv4", value: cidr }, description: `${what} to the load balancer from ${cidr}` };
                new aws.vpc.SecurityGroupIngressRule(`${name}-in-${ruleSlug(rule)}`, {
                    securityGroupId: albSg.id,
                    ipProtocol: "tcp",
                    fromPort: port,
                    toPort: port,
                    cidrIpv4: cidr,
                    description: rule.description,
                    tags: { ...tags, Name: `${prefix}-alb-in-${ruleSlug(rule)}` },
                }, child);
            }
        }
        // Requests and health checks both go to the target port ("traffic-port"); nothing else leaves the ALB.
        new aws.vpc.SecurityGroupEgressRule(`${name}-out-tcp-${s.targetPort}-targets`, {
            securityGroupId: albSg.id,
            ipProtocol: "tcp",
            fromPort: s.targetPort,
            toPort: s.targetPort,
            referencedSecurityGroupId: targetsSg.id,
            description: `Requests and health checks to the servers' port ${s.targetPort}`,
            tags: { ...tags, Name: `${prefix}-alb-out-tcp-${s.targetPort}-targets` },
        }, child);
        new aws.vpc.SecurityGroupIngressRule(`${name}-targets-in-tcp-${s.targetPort}-alb`, {
            securityGroupId: targetsSg.id,
            ipProtocol: "tcp",
            fromPort: s.targetPort,
            toPort: s.targetPort,
            referencedSecurityGroupId: albSg.id,
            description: `Port ${s.targetPort} from the load balancer only`,
            tags: { ...tags, Name: `${prefix}-alb-targets-in-tcp-${s.targetPort}` },
        }, child);

        const alb = new aws.lb.LoadBalancer(`${name}-alb`, {
            loadBalancerType: "application",
            internal: false,
            ipAddressType: "ipv4",
            subnets: args.subnetIds,
            securityGroups: [albSg.id],
            // Security Hub ELB.4: AWS forwards malformed headers unless told otherwise (the default is false).
            dropInvalidHeaderFields: true,
            enableDeletionProtection: s.deletionProtection,
            tags: { ...tags, Name: `${prefix}-alb` },
        }, { ...child, protect: s.deletionProtection });

        const targetGroup = new aws.lb.TargetGroup(`${name}-tg`, {
            vpcId: args.vpcId,
            port: s.targetPort,
            protocol: "HTTP",
            targetType: "instance",
            // Connection draining before a server leaves (scale-in, instance refresh): AWS's default is 300 s.
            deregistrationDelay: 30,
            healthCheck: {
                enabled: true,
                protocol: "HTTP",
                port: "traffic-port",
                path: s.healthCheckPath,
                matcher: "200-399",
                interval: 15,
                timeout: 5,
                healthyThreshold: 2,
                unhealthyThreshold: 3,
            },
            tags: { ...tags, Name: `${prefix}-tg` },
        }, child);

        const forward = [{ type: "forward", targetGroupArn: targetGroup.arn }];
        let forwarding: aws.lb.Listener;
        if (https) {
            forwarding = new aws.lb.Listener(`${name}-https`, {
                loadBalancerArn: alb.arn,
                port: s.port,
                protocol: "HTTPS",
                sslPolicy: ALB_TLS_POLICY,
                certificateArn: s.certificateArn,
                defaultActions: forward,
                tags: { ...tags, Name: `${prefix}-https` },
            }, child);
            new aws.lb.Listener(`${name}-http`, {
                loadBalancerArn: alb.arn,
                port: HTTP_REDIRECT_PORT,
                protocol: "HTTP",
                defaultActions: [{ type: "redirect", redirect: { protocol: "HTTPS", port: String(s.port), statusCode: "HTTP_301" } }],
                tags: { ...tags, Name: `${prefix}-http` },
            }, child);
        } else {
            forwarding = new aws.lb.Listener(`${name}-http`, {
                loadBalancerArn: alb.arn,
                port: s.port,
                protocol: "HTTP",
                defaultActions: forward,
                tags: { ...tags, Name: `${prefix}-http` },
            }, child);
        }

        const scheme = https ? "https" : "http";
        const defaultPort = https ? 443 : 80;
        this.loadBalancerArn = alb.arn;
        this.arnSuffix = alb.arnSuffix;
        this.dnsName = alb.dnsName;
        this.zoneId = alb.zoneId;
        this.url = pulumi.interpolate`${scheme}://${alb.dnsName}${s.port === defaultPort ? "" : `:${s.port}`}`;
        this.targetGroupArn = targetGroup.arn;
        this.targetGroupArnSuffix = targetGroup.arnSuffix;
        this.securityGroupId = albSg.id;
        this.targetsSecurityGroupId = targetsSg.id;
        this.forwardingListener = forwarding;
        this.registerOutputs({
            loadBalancerArn: this.loadBalancerArn,
            arnSuffix: this.arnSuffix,
            dnsName: this.dnsName,
            zoneId: this.zoneId,
            url: this.url,
            targetGroupArn: this.targetGroupArn,
            targetGroupArnSuffix: this.targetGroupArnSuffix,
            securityGroupId: this.securityGroupId,
            targetsSecurityGroupId: this.targetsSecurityGroupId,
        });
    }
}
