import { ResourceValidationPolicy } from "@pulumi/policy";
import { T } from "../lib/types";
import { bool, get, show, str, UNKNOWN } from "../lib/unknown";
import { forTypes } from "../lib/validation";

/**
 * Application load balancers (aws.lb.LoadBalancer and aws.alb.LoadBalancer with `loadBalancerType` unset or
 * "application") must set `dropInvalidHeaderFields: true` (AWS Security Hub ELB.4); AWS's default is false.
 * Network and gateway load balancers do not parse HTTP and are not checked. Unknown values (the type or the
 * flag) are not reported; `pulumi up` checks the real values before the load balancer is created.
 */
export const albDropInvalidHeaderFields: ResourceValidationPolicy = {
    name: "alb-drop-invalid-header-fields",
    description:
        "Application load balancers must drop HTTP headers with invalid names (dropInvalidHeaderFields: true): " +
        "otherwise they pass them on to the targets, where ambiguous headers enable request smuggling and header " +
        "injection (AWS Security Hub ELB.4).",
    enforcementLevel: "mandatory",
    validateResource: forTypes([T.LbLoadBalancer, T.AlbLoadBalancer], (args, reportViolation) => {
        const type = str(get(args.props, "loadBalancerType"));
        if (type === UNKNOWN || (type !== undefined && type.trim().toLowerCase() !== "application")) {
            return;
        }
        const value = get(args.props, "dropInvalidHeaderFields");
        const drop = bool(value);
        if (drop === true || drop === UNKNOWN) {
            return;
        }
        const state = value === undefined ? "is not set (AWS default: false)" : `is ${show(value)}`;
        reportViolation(
            `dropInvalidHeaderFields ${state}, so this application load balancer forwards headers with invalid names ` +
            "to its targets. Set dropInvalidHeaderFields: true.",
        );
    }),
};
