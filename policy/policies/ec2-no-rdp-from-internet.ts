import { ResourceValidationPolicy } from "@pulumi/policy";
import { transportsOpening, validateInternetIngress } from "../lib/internet-ingress";

/**
 * RDP (3389 over TCP or UDP) must not be reachable from 0.0.0.0/0 or ::/0 (AWS Security Hub EC2.14, CIS AWS
 * Foundations 5.2/5.3). RDP 8.0 and later also carries the session over UDP 3389, so a rule opening UDP
 * 3389 exposes the service as much as TCP does; CIS and trivy count TCP, UDP and all traffic alike.
 * Same rule forms and unknown-value verdicts as ec2-no-ssh-from-internet.
 */
export const ec2NoRdpFromInternet: ResourceValidationPolicy = {
    name: "ec2-no-rdp-from-internet",
    description:
        "Security groups must not allow RDP (TCP or UDP 3389) from the whole internet (0.0.0.0/0 or ::/0): " +
        "exposed RDP is a top ransomware entry point (AWS Security Hub EC2.14).",
    enforcementLevel: "mandatory",
    validateResource: validateInternetIngress(rule => {
        const transports = transportsOpening(rule, 3389);
        return transports.length === 0
            ? undefined
            : `opens RDP (${transports.join(" and ")} 3389) to the internet. Allow RDP only from trusted CIDRs ` +
              "(a VPN or an office /32), or use SSM Session Manager port forwarding, which needs no inbound port.";
    }),
};
