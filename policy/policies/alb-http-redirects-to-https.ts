import { ResourceValidationPolicy } from "@pulumi/policy";
import { toPort } from "../lib/ports";
import { T } from "../lib/types";
import { get, list, show, str, UNKNOWN } from "../lib/unknown";
import { forTypes } from "../lib/validation";

const FIX =
    'Make the default action { type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } } ' +
    "and serve the application from an HTTPS listener.";

/**
 * HTTP listeners (aws.lb.Listener and aws.alb.Listener) must redirect to HTTPS (AWS Security Hub ELB.1):
 * one of the `defaultActions` is `{ type: "redirect", redirect: { protocol: "HTTPS" } }`.
 *
 * A listener is HTTP when `protocol` is "HTTP" (any case), or when it is unset and `port` is set: AWS
 * defaults an Application Load Balancer listener to HTTP, while Gateway Load Balancer listeners have neither
 * port nor protocol and Network Load Balancer listeners must name theirs. A redirect whose protocol is unset
 * keeps AWS's default "#{protocol}", i.e. HTTP, and is reported. Unknown values: an unknown protocol, action
 * list, action type or redirect protocol is not reported; `pulumi up` checks the real values.
 */
export const albHttpRedirectsToHttps: ResourceValidationPolicy = {
    name: "alb-http-redirects-to-https",
    description:
        "Load balancer listeners that accept plain HTTP should only redirect to HTTPS: requests, cookies and " +
        "session tokens sent over HTTP cross the network unencrypted (AWS Security Hub ELB.1).",
    enforcementLevel: "advisory",
    validateResource: forTypes([T.LbListener, T.AlbListener], (args, reportViolation) => {
        const protocol = str(get(args.props, "protocol"));
        const port = toPort(get(args.props, "port"));
        const isHttp = typeof protocol === "string" ? protocol.trim().toUpperCase() === "HTTP" : protocol === undefined && port !== undefined;
        if (!isHttp) {
            return;
        }
        const actions = list(get(args.props, "defaultActions"));
        if (actions === UNKNOWN) {
            return;
        }
        const types: string[] = [];
        let redirectProtocol: string | undefined;
        let redirectSeen = false;
        for (const action of actions) {
            const type = str(get(action, "type"));
            if (type === UNKNOWN) {
                return;
            }
            if (type === undefined) {
                continue;
            }
            types.push(type);
            if (type.trim().toLowerCase() === "redirect") {
                const target = str(get(get(action, "redirect"), "protocol"));
                if (target === UNKNOWN || target?.trim().toUpperCase() === "HTTPS") {
                    return;
                }
                redirectSeen = true;
                redirectProtocol = target;
            }
        }
        const listener = `This HTTP listener${port === UNKNOWN || port === undefined ? "" : ` (port ${port})`}`;
        if (redirectSeen) {
            const kept = redirectProtocol === undefined ? 'redirect.protocol is not set (AWS keeps "#{protocol}", plain HTTP)' : `redirect.protocol is ${show(redirectProtocol)}`;
            reportViolation(`${listener} redirects, but ${kept}, so clients stay on plain HTTP. Set redirect.protocol to "HTTPS" (and port "443").`);
        } else {
            const what = types.length === 0 ? "has no default action" : `answers with ${types.map(t => show(t)).join(", ")}`;
            reportViolation(`${listener} ${what} over plain HTTP instead of redirecting to HTTPS. ${FIX}`);
        }
    }),
};
