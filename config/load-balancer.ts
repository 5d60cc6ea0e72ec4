/** The loadBalancer key: an Application Load Balancer in front of the servers. */
import type { LoadBalancerSetting } from "../components/load-balancer";
import { Collector } from "./errors";
import { check, metadataOf, objectWithKeys, readStringList } from "./fields";
import { cidrKind } from "./parsers";
import { loadBalancerHasTwoZones } from "./rules";
import { CONFIG, LOAD_BALANCER, LOAD_BALANCER_DEFAULTS, NetworkSetting } from "./schema";

export function loadBalancerSetting(c: Collector, value: unknown, network: NetworkSetting): LoadBalancerSetting | undefined {
    const v = objectWithKeys(c, "loadBalancer", value, LOAD_BALANCER, metadataOf(CONFIG.entries.loadBalancer).shape!);
    if (!v) {
        return undefined;
    }
    const d = LOAD_BALANCER_DEFAULTS;
    const fields = LOAD_BALANCER.entries;
    const certificateArn = check(c, "loadBalancer.certificateArn", fields.certificateArn, v.certificateArn);
    const https = v.certificateArn !== undefined;
    let port = check(c, "loadBalancer.port", fields.port, v.port) ?? (https ? d.httpsPort : d.httpPort);
    if (https && v.port !== undefined && port === d.httpPort) {
        // With a certificate, port 80 carries the listener that redirects HTTP to HTTPS (Security Hub ELB.1).
        c.bad("loadBalancer.port", v.port, `a port other than ${d.httpPort} with certificateArn`, `port ${d.httpPort} carries the listener that redirects HTTP to HTTPS; leave port unset for ${d.httpsPort}`);
        port = d.httpsPort;
    }
    const targetPort = check(c, "loadBalancer.targetPort", fields.targetPort, v.targetPort) ?? d.targetPort;
    const healthCheckPath = check(c, "loadBalancer.healthCheckPath", fields.healthCheckPath, v.healthCheckPath) ?? d.healthCheckPath;
    const sources: string[] = [];
    // A null list of sources is taken as not given.
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
    const deletionProtection = check(c, "loadBalancer.deletionProtection", fields.deletionProtection, v.deletionProtection) ?? d.deletionProtection;
    let subnetIds: string[] | undefined;
    loadBalancerHasTwoZones(c, network, v.subnetIds);
    if (network.kind === "existing" && v.subnetIds !== undefined) {
        if (Array.isArray(v.subnetIds) && v.subnetIds.length < 2) {
            c.bad("loadBalancer.subnetIds", v.subnetIds, "a list of at least 2 subnet ids like subnet-0123456789abcdef0, in different availability zones",
                "an Application Load Balancer needs subnets in two or more zones");
        } else {
            subnetIds = readStringList(c, "loadBalancer.subnetIds", v.subnetIds, fields.subnetIds);
        }
    }
    return {
        port, targetPort, healthCheckPath, sources, deletionProtection,
        ...(certificateArn !== undefined ? { certificateArn } : {}),
        ...(subnetIds !== undefined ? { subnetIds } : {}),
    };
}
