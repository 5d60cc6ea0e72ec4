/** The loadBalancer key: an Application Load Balancer in front of the servers. */
import type { LoadBalancerSetting } from "../components/load-balancer";
import { Collector } from "./errors";
import { flag, integer, objectWithKeys, stringList } from "./fields";
import { cidrKind } from "./parsers";
import { loadBalancerHasTwoZones } from "./rules";
import { LOAD_BALANCER_DEFAULTS, LOAD_BALANCER_KEYS, LOAD_BALANCER_SHAPE, NetworkSetting, SUBNET_ID } from "./schema";

/** An ACM certificate ARN; the region is group 2 (an ALB takes certificates of its own region only). */
export const ACM_CERTIFICATE_ARN = /^arn:(aws[a-z-]*):acm:([a-z]{2}(?:-[a-z]+)+-\d+):(\d{12}):certificate\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;
const ACM_CERTIFICATE_ARN_TEXT = "an ACM certificate ARN arn:<partition>:acm:<region>:<12-digit account>:certificate/<uuid>";

export function loadBalancerSetting(c: Collector, value: unknown, network: NetworkSetting): LoadBalancerSetting | undefined {
    const v = objectWithKeys(c, "loadBalancer", value, LOAD_BALANCER_KEYS, LOAD_BALANCER_SHAPE);
    if (!v) {
        return undefined;
    }
    const d = LOAD_BALANCER_DEFAULTS;
    let certificateArn: string | undefined;
    if (v.certificateArn !== undefined) {
        if (typeof v.certificateArn !== "string" || !ACM_CERTIFICATE_ARN.test(v.certificateArn)) {
            c.bad("loadBalancer.certificateArn", v.certificateArn, ACM_CERTIFICATE_ARN_TEXT);
        } else {
            certificateArn = v.certificateArn;
        }
    }
    const https = v.certificateArn !== undefined;
    const portText = "an integer port from 1 to 65535";
    let port = integer(c, "loadBalancer.port", v.port, 1, 65535, { expected: portText }) ?? (https ? d.httpsPort : d.httpPort);
    if (https && v.port !== undefined && port === d.httpPort) {
        // With a certificate, port 80 carries the listener that redirects HTTP to HTTPS (Security Hub ELB.1).
        c.bad("loadBalancer.port", v.port, `a port other than ${d.httpPort} with certificateArn`, `port ${d.httpPort} carries the listener that redirects HTTP to HTTPS; leave port unset for ${d.httpsPort}`);
        port = d.httpsPort;
    }
    const targetPort = integer(c, "loadBalancer.targetPort", v.targetPort, 1, 65535, { expected: portText }) ?? d.targetPort;
    let healthCheckPath: string = d.healthCheckPath;
    if (v.healthCheckPath !== undefined) {
        if (typeof v.healthCheckPath !== "string" || !v.healthCheckPath.startsWith("/") || v.healthCheckPath.length > 1024) {
            c.bad("loadBalancer.healthCheckPath", v.healthCheckPath, "a path that starts with / and has at most 1024 characters, such as /health");
        } else {
            healthCheckPath = v.healthCheckPath;
        }
    }
    const sources: string[] = [];
    const sourcesRaw = v.sources ?? [...d.sources];
    if (!Array.isArray(sourcesRaw) || sourcesRaw.length === 0) {
        c.bad("loadBalancer.sources", sourcesRaw, "a non-empty list of IPv4 or IPv6 CIDRs such as [\"203.0.113.0/24\", \"2001:db8::/32\"]");
    } else {
        sourcesRaw.forEach((s, i) => {
            const at = `loadBalancer.sources[${i}]`;
            if (cidrKind(c, at, s) !== undefined) {
                if (sources.includes(s)) {
                    c.bad(at, s, "each source once", "duplicate");
                } else {
                    sources.push(s);
                }
            }
        });
    }
    const deletionProtection = flag(c, "loadBalancer.deletionProtection", v.deletionProtection, d.deletionProtection);
    let subnetIds: string[] | undefined;
    loadBalancerHasTwoZones(c, network, v.subnetIds);
    if (network.kind === "existing" && v.subnetIds !== undefined) {
        if (Array.isArray(v.subnetIds) && v.subnetIds.length < 2) {
            c.bad("loadBalancer.subnetIds", v.subnetIds, "a list of at least 2 subnet ids like subnet-0123456789abcdef0, in different availability zones",
                "an Application Load Balancer needs subnets in two or more zones");
        } else {
            subnetIds = stringList(c, "loadBalancer.subnetIds", v.subnetIds, SUBNET_ID, "a subnet id like subnet-0123456789abcdef0", true);
        }
    }
    return {
        port, targetPort, healthCheckPath, sources, deletionProtection,
        ...(certificateArn !== undefined ? { certificateArn } : {}),
        ...(subnetIds !== undefined ? { subnetIds } : {}),
    };
}
