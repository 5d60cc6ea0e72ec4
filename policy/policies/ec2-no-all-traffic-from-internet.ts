import { ResourceValidationPolicy } from "@pulumi/policy";
import { validateInternetIngress } from "../lib/internet-ingress";
import { isAllPorts, portsFor } from "../lib/ports";

/**
 * No ingress rule may open every port to 0.0.0.0/0 or ::/0: protocol "-1"/"all" (any ports), or TCP/UDP
 * 0-65535 (1-65535 counts too, port 0 being reserved). Same rule forms and unknown-value verdicts as
 * ec2-no-ssh-from-internet.
 */
export const ec2NoAllTrafficFromInternet: ResourceValidationPolicy = {
    name: "ec2-no-all-traffic-from-internet",
    description:
        "Security groups must not allow all traffic (protocol -1, or every TCP/UDP port) from the whole internet " +
        "(0.0.0.0/0 or ::/0): it exposes every service on the instance, including ones started later.",
    enforcementLevel: "mandatory",
    validateResource: validateInternetIngress(rule => {
        if (rule.protocol === "all") {
            return "allows all protocols and ports from the internet. Open only the ports the service needs " +
                "(e.g. TCP 443), each in its own rule.";
        }
        const fullRange = (["tcp", "udp"] as const).find(t => isAllPorts(portsFor(t, rule.protocol, rule.fromPort, rule.toPort)));
        return fullRange === undefined
            ? undefined
            : `opens every ${fullRange.toUpperCase()} port to the internet. Open only the ports the service needs ` +
              "(e.g. TCP 443), each in its own rule.";
    }),
};
