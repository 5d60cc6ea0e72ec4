import { ResourceValidationPolicy } from "@pulumi/policy";
import { T } from "../lib/types";
import { bool, get, list, UNKNOWN } from "../lib/unknown";
import { forTypes } from "../lib/validation";

const FIX = "Reach the instance through SSM Session Manager, a load balancer or a NAT gateway instead.";

/**
 * Instances and launch templates should not request a public IPv4 address (AWS Security Hub EC2.9 and
 * EC2.25): Instance `associatePublicIpAddress: true`, LaunchTemplate
 * `networkInterfaces[].associatePublicIpAddress` true or "true". An unset value falls back to the subnet's
 * `mapPublicIpOnLaunch`, which vpc-subnet-no-auto-public-ip checks. Unknown values are not reported
 * (only a value shown to be true is); `pulumi up` checks the real value before the instance is created.
 */
export const ec2NoPublicIp: ResourceValidationPolicy = {
    name: "ec2-no-public-ip",
    description:
        "EC2 instances and launch templates should not assign a public IPv4 address: a public address puts " +
        "every open port on the internet and AWS bills for each one (AWS Security Hub EC2.9, EC2.25).",
    enforcementLevel: "advisory",
    validateResource: forTypes([T.Instance, T.LaunchTemplate], (args, reportViolation) => {
        if (args.type === T.Instance) {
            if (bool(get(args.props, "associatePublicIpAddress")) === true) {
                reportViolation(`associatePublicIpAddress is true, so the instance gets a public IPv4 address. Set it to false. ${FIX}`);
            }
            return;
        }
        const interfaces = list(get(args.props, "networkInterfaces"));
        if (interfaces === UNKNOWN) {
            return;
        }
        interfaces.forEach((ni, i) => {
            if (bool(get(ni, "associatePublicIpAddress")) === true) {
                reportViolation(
                    `networkInterfaces[${i}].associatePublicIpAddress is true, so instances launched from this template ` +
                    `get a public IPv4 address. Set it to "false". ${FIX}`,
                );
            }
        });
    }),
};
