import * as assert from "node:assert/strict";
import { albDropInvalidHeaderFields as policy } from "../../../policy/policies/alb-drop-invalid-header-fields";
import { T } from "../../../policy/lib/types";
import { UNKNOWN, validateResource, validateResourceDetailed } from "../helpers";

const msg = (state: string) =>
    `dropInvalidHeaderFields ${state}, so this application load balancer forwards headers with invalid names to its targets. ` +
    "Set dropInvalidHeaderFields: true.";
const NOT_SET = msg("is not set (AWS default: false)");

/** An internet-facing application load balancer in two subnets that drops invalid headers, changed by `change`. */
const lb = (change: Record<string, unknown>, type: string = T.LbLoadBalancer) =>
    validateResource(policy, {
        type,
        props: {
            internal: false,
            loadBalancerType: "application",
            subnets: ["subnet-a", "subnet-b"],
            securityGroups: ["sg-1"],
            dropInvalidHeaderFields: true,
            ...change,
        },
    });

describe("alb-drop-invalid-header-fields", () => {
    it("#1 compliant: application load balancer with dropInvalidHeaderFields true (aws.lb and aws.alb)", async () => {
        assert.deepEqual(await lb({}), []);
        assert.deepEqual(await lb({}, T.AlbLoadBalancer), []);
        assert.deepEqual(await lb({ loadBalancerType: undefined }), []);
    });
    it("#2 dropInvalidHeaderFields not set (AWS default false)", async () => {
        assert.deepEqual(await lb({ dropInvalidHeaderFields: undefined }), [NOT_SET]);
    });
    it("#3 dropInvalidHeaderFields false", async () => {
        assert.deepEqual(await lb({ dropInvalidHeaderFields: false }), [msg("is false")]);
    });
    it("#4 loadBalancerType unset is an application load balancer (the default), on aws.alb too", async () => {
        assert.deepEqual(await lb({ loadBalancerType: undefined, dropInvalidHeaderFields: undefined }, T.AlbLoadBalancer), [NOT_SET]);
    });
    it("#5 \"Application\" in another case is in scope", async () => {
        assert.deepEqual(await lb({ loadBalancerType: "Application", dropInvalidHeaderFields: false }), [msg("is false")]);
    });
    it("#6 network and gateway load balancers are not in scope", async () => {
        assert.deepEqual(await lb({ loadBalancerType: "network", dropInvalidHeaderFields: undefined }), []);
        assert.deepEqual(await lb({ loadBalancerType: "gateway", dropInvalidHeaderFields: undefined }), []);
    });
    it("#7 \"true\" as a string counts; unknown type or flag is not reported", async () => {
        assert.deepEqual(await lb({ dropInvalidHeaderFields: "true" }), []);
        assert.deepEqual(await lb({ dropInvalidHeaderFields: UNKNOWN }), []);
        assert.deepEqual(await lb({ loadBalancerType: UNKNOWN, dropInvalidHeaderFields: undefined }), []);
    });
    it("#8 other types are not applicable", async () => {
        const outcome = await validateResourceDetailed(policy, { type: T.LbListener, props: {} });
        assert.deepEqual(outcome, { messages: [], notApplicable: `applies only to ${T.LbLoadBalancer}, ${T.AlbLoadBalancer}` });
    });
});
