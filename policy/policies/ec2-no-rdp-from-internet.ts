import { ResourceValidationPolicy } from "@pulumi/policy";
import { opensTcpPort, validateInternetIngress } from "../lib/internet-ingress";

/**
 * RDP (TCP 3389) must not be reachable from 0.0.0.0/0 or ::/0 (AWS Security Hub EC2.14).
 * Same rule forms and unknown-value verdicts as ec2-no-ssh-from-internet.
 */
export const ec2NoRdpFromInternet: ResourceValidationPolicy = {
    name: "ec2-no-rdp-from-internet",
    description:
        "Security groups must not allow RDP (TCP 3389) from the whole internet (0.0.0.0/0 or ::/0): " +
        "exposed RDP is a top ransomware entry point (AWS Security Hub EC2.14).",
    enforcementLevel: "mandatory",
    validateResource: validateInternetIngress(rule =>
        opensTcpPort(rule, 3389)
            ? "opens RDP (TCP 3389) to the internet. Allow RDP only from trusted CIDRs (a VPN or an office /32), " +
              "or use SSM Session Manager port forwarding, which needs no inbound port."
            : undefined,
    ),
};
