/**
 * How a firewall rule is named: the security group and the load balancer name each rule resource after its content,
 * and the config contract finds duplicate rules by the same identity. Pure functions, no SDK: the config check that
 * runs before anything else loads (tools/plan.ts) uses them too.
 */
import type { FirewallRule } from "../components/security-group";

/** `22`, `8000-8080`, `8--1` (ICMP type 8, any code) or `all`. */
export function portText(r: Pick<FirewallRule, "protocol" | "fromPort" | "toPort">): string {
    if (r.protocol === "all") {
        return "all";
    }
    return r.fromPort === r.toPort ? `${r.fromPort}` : `${r.fromPort}-${r.toPort}`;
}

/**
 * A stable, readable identity for a rule, used in resource names: `tcp-22-203.0.113.10-32`, `all-v6-..-0` (for ::/0),
 * `udp-60000-61000-sg-0123456789abcdef0`.
 */
export function ruleSlug(r: FirewallRule): string {
    const peer = r.peer.kind === "cidrIpv6"
        ? `v6-${r.peer.value.replace(/:/g, ".").replace("/", "-")}`
        : r.peer.value.replace("/", "-");
    return r.protocol === "all" ? `all-${peer}` : `${r.protocol}-${portText(r)}-${peer}`;
}
