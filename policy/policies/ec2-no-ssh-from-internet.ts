import { ResourceValidationPolicy } from "@pulumi/policy";
import { opensTcpPort, validateInternetIngress } from "../lib/internet-ingress";

/**
 * SSH (TCP 22) must not be reachable from 0.0.0.0/0 or ::/0 (AWS Security Hub EC2.13).
 * Checks inline `ingress` on SecurityGroup/DefaultSecurityGroup, SecurityGroupRule (type "ingress") and
 * vpc.SecurityGroupIngressRule. Unknown during preview: an unknown CIDR is not the internet, an unknown
 * protocol or port opens nothing; `pulumi up` checks the real values before the rule is created.
 */
export const ec2NoSshFromInternet: ResourceValidationPolicy = {
    name: "ec2-no-ssh-from-internet",
    description:
        "Security groups must not allow SSH (TCP 22) from the whole internet (0.0.0.0/0 or ::/0): " +
        "internet-facing SSH is brute-forced within minutes of launch (AWS Security Hub EC2.13).",
    enforcementLevel: "mandatory",
    validateResource: validateInternetIngress(rule =>
        opensTcpPort(rule, 22)
            ? "opens SSH (TCP 22) to the internet. Allow SSH only from trusted CIDRs (a VPN or an office /32), " +
              "or use SSM Session Manager, which needs no inbound port."
            : undefined,
    ),
};
