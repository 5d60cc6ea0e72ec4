import { ResourceValidationPolicy } from "@pulumi/policy";
import { T } from "../lib/types";
import { bool, get } from "../lib/unknown";
import { forTypes } from "../lib/validation";

/**
 * Subnets should not set `mapPublicIpOnLaunch: true` (AWS Security Hub EC2.15). Unknown values are not
 * reported (only a value shown to be true is); `pulumi up` checks the real value.
 */
export const vpcSubnetNoAutoPublicIp: ResourceValidationPolicy = {
    name: "vpc-subnet-no-auto-public-ip",
    description:
        "Subnets should not assign public IPv4 addresses automatically (mapPublicIpOnLaunch): every instance " +
        "launched there becomes internet-addressable whether or not it was meant to be (AWS Security Hub EC2.15).",
    enforcementLevel: "advisory",
    validateResource: forTypes([T.Subnet], (args, reportViolation) => {
        if (bool(get(args.props, "mapPublicIpOnLaunch")) === true) {
            reportViolation(
                "mapPublicIpOnLaunch is true, so every instance launched in this subnet gets a public IPv4 address. " +
                "Set it to false and attach an Elastic IP to the one instance that needs a public address, if any.",
            );
        }
    }),
};
