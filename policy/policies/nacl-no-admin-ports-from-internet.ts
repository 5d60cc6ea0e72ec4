import { ResourceValidationPolicy } from "@pulumi/policy";
import { isWholeInternet } from "../lib/cidr";
import { describeNaclRule, NACL_TYPES, naclIngressRules } from "../lib/nacl-rules";
import { includesPort, isAllPorts, portsFor } from "../lib/ports";
import { isUnknown } from "../lib/unknown";
import { forTypes } from "../lib/validation";

/**
 * Network ACL *allow* ingress rules must not admit SSH (TCP 22), RDP (TCP 3389) or all ports from
 * 0.0.0.0/0 or ::/0 (AWS Security Hub EC2.21). Deny rules are fine. Each allow rule is judged on its own:
 * a lower-numbered deny rule that shadows it is not taken into account.
 *
 * Unknown values: an unknown action, CIDR, protocol or port is not reported; `pulumi up` checks the real
 * values before the rule is created.
 */
export const naclNoAdminPortsFromInternet: ResourceValidationPolicy = {
    name: "nacl-no-admin-ports-from-internet",
    description:
        "Network ACLs must not allow SSH (TCP 22), RDP (TCP 3389) or all ports in from the whole internet " +
        "(0.0.0.0/0 or ::/0) (AWS Security Hub EC2.21); deny rules are fine.",
    enforcementLevel: "mandatory",
    validateResource: forTypes(NACL_TYPES, (args, reportViolation) => {
        for (const rule of naclIngressRules(args.type, args.props)) {
            const sources = rule.cidrs.filter((c): c is string => !isUnknown(c) && isWholeInternet(c)).map(c => c.trim());
            if (rule.action !== "allow" || sources.length === 0) {
                continue;
            }
            const tcp = portsFor("tcp", rule.protocol, rule.fromPort, rule.toPort);
            const udp = portsFor("udp", rule.protocol, rule.fromPort, rule.toPort);
            const opens =
                rule.protocol === "all" || isAllPorts(tcp) || isAllPorts(udp)
                    ? ["all ports"]
                    : [...(includesPort(tcp, 22) ? ["SSH (TCP 22)"] : []), ...(includesPort(tcp, 3389) ? ["RDP (TCP 3389)"] : [])];
            if (opens.length > 0) {
                reportViolation(
                    `${describeNaclRule(rule, sources)} allows ${opens.join(" and ")} from the internet. ` +
                    "Restrict the rule's CIDR to trusted networks, or narrow its port range so it leaves these ports out.",
                );
            }
        }
    }),
};
