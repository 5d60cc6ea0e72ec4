import * as assert from "node:assert/strict";
import { albHttpRedirectsToHttps as policy } from "../../../policy/policies/alb-http-redirects-to-https";
import { T } from "../../../policy/lib/types";
import { UNKNOWN, validateResource, validateResourceDetailed } from "../helpers";

const FIX =
    'Make the default action { type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } } ' +
    "and serve the application from an HTTPS listener.";
const TG = "arn:aws:elasticloadbalancing:ap-northeast-2:111122223333:targetgroup/web/0123456789abcdef";
const LB = "arn:aws:elasticloadbalancing:ap-northeast-2:111122223333:loadbalancer/app/web/0123456789abcdef";

const redirect = { type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } };
const forward = { type: "forward", targetGroupArn: TG };

/** An HTTP listener on port 80 that redirects to HTTPS, changed by `change`. */
const listener = (change: Record<string, unknown>, type: string = T.LbListener) =>
    validateResource(policy, { type, props: { loadBalancerArn: LB, port: 80, protocol: "HTTP", defaultActions: [redirect], ...change } });
const wrongRedirect = (kept: string, port = " (port 80)") =>
    `This HTTP listener${port} redirects, but ${kept}, so clients stay on plain HTTP. Set redirect.protocol to "HTTPS" (and port "443").`;

describe("alb-http-redirects-to-https", () => {
    it("#1 compliant: HTTP redirects to HTTPS, on aws.lb and aws.alb listeners", async () => {
        assert.deepEqual(await listener({}), []);
        assert.deepEqual(await listener({}, T.AlbListener), []);
        assert.deepEqual(await listener({ defaultActions: [{ type: "REDIRECT", redirect: { protocol: "https", statusCode: "HTTP_302" } }] }), []);
    });
    it("#2 compliant: HTTPS, TLS and TCP listeners may forward", async () => {
        for (const protocol of ["HTTPS", "TLS", "TCP", "UDP"]) {
            assert.deepEqual(await listener({ port: 443, protocol, defaultActions: [forward] }), [], protocol);
        }
    });
    it("#3 HTTP listener forwarding to a target group", async () => {
        assert.deepEqual(await listener({ defaultActions: [forward] }), [`This HTTP listener (port 80) answers with "forward" over plain HTTP instead of redirecting to HTTPS. ${FIX}`]);
    });
    it("#4 HTTP listener with a fixed response, on an aws.alb.Listener, protocol in lower case", async () => {
        const fixed = { type: "fixed-response", fixedResponse: { contentType: "text/plain", statusCode: "200" } };
        assert.deepEqual(await listener({ protocol: "http", port: 8080, defaultActions: [fixed] }, T.AlbListener), [
            `This HTTP listener (port 8080) answers with "fixed-response" over plain HTTP instead of redirecting to HTTPS. ${FIX}`,
        ]);
    });
    it("#5 a redirect that keeps HTTP", async () => {
        assert.deepEqual(await listener({ defaultActions: [{ type: "redirect", redirect: { protocol: "HTTP", host: "www.example.com", statusCode: "HTTP_301" } }] }), [
            wrongRedirect('redirect.protocol is "HTTP"'),
        ]);
        assert.deepEqual(await listener({ defaultActions: [{ type: "redirect", redirect: { protocol: "#{protocol}", statusCode: "HTTP_301" } }] }), [
            wrongRedirect('redirect.protocol is "#{protocol}"'),
        ]);
    });
    it("#6 a redirect without protocol keeps AWS's default #{protocol}", async () => {
        assert.deepEqual(await listener({ defaultActions: [{ type: "redirect", redirect: { port: "443", statusCode: "HTTP_301" } }] }), [
            wrongRedirect('redirect.protocol is not set (AWS keeps "#{protocol}", plain HTTP)'),
        ]);
    });
    it("#7 protocol unset with a port is an ALB HTTP listener; neither port nor protocol is a Gateway Load Balancer listener", async () => {
        assert.deepEqual(await listener({ protocol: undefined, defaultActions: [forward] }), [
            `This HTTP listener (port 80) answers with "forward" over plain HTTP instead of redirecting to HTTPS. ${FIX}`,
        ]);
        assert.deepEqual(await listener({ protocol: undefined, port: undefined, defaultActions: [forward] }), []);
    });
    it("#8 several default actions (authenticate, then forward) are all named", async () => {
        const auth = { type: "authenticate-oidc", order: 1, authenticateOidc: { issuer: "https://idp" } };
        assert.deepEqual(await listener({ defaultActions: [auth, { ...forward, order: 2 }] }), [
            `This HTTP listener (port 80) answers with "authenticate-oidc", "forward" over plain HTTP instead of redirecting to HTTPS. ${FIX}`,
        ]);
    });
    it("#9 unknown protocol, action list, action type or redirect protocol is not reported", async () => {
        assert.deepEqual(await listener({ protocol: UNKNOWN, defaultActions: [forward] }), []);
        assert.deepEqual(await listener({ defaultActions: UNKNOWN }), []);
        assert.deepEqual(await listener({ defaultActions: [{ type: UNKNOWN, targetGroupArn: TG }] }), []);
        assert.deepEqual(await listener({ defaultActions: [UNKNOWN] }), []);
        assert.deepEqual(await listener({ defaultActions: [{ type: "redirect", redirect: { protocol: UNKNOWN, statusCode: "HTTP_301" } }] }), []);
        assert.deepEqual(await listener({ defaultActions: [{ type: "redirect", redirect: UNKNOWN }] }), []);
    });
    it("#10 an unknown port is still an HTTP listener, named without its port", async () => {
        assert.deepEqual(await listener({ port: UNKNOWN, defaultActions: [forward] }), [
            `This HTTP listener answers with "forward" over plain HTTP instead of redirecting to HTTPS. ${FIX}`,
        ]);
    });
    it("#11 other types are not applicable", async () => {
        const outcome = await validateResourceDetailed(policy, { type: T.LbLoadBalancer, props: {} });
        assert.deepEqual(outcome, { messages: [], notApplicable: `applies only to ${T.LbListener}, ${T.AlbListener}` });
    });
});
