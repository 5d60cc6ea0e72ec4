import * as assert from "node:assert/strict";
import { parseConfig } from "../../config";
import { LOAD_BALANCER_CASES } from "./cases/load-balancer";
import { rejectsEach } from "./helpers";

describe("config/load-balancer", () => {
    rejectsEach(LOAD_BALANCER_CASES);

    it("fills the loadBalancer defaults: HTTP on 80 from anywhere, or HTTPS on 443 with a certificate", () => {
        assert.deepEqual(parseConfig({ loadBalancer: "{}" }).loadBalancer, {
            port: 80, targetPort: 80, healthCheckPath: "/", sources: ["0.0.0.0/0", "::/0"], deletionProtection: false,
        });
        const cert = "arn:aws-us-gov:acm:us-gov-west-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8091-a2b3c4d5e6f7";
        assert.deepEqual(parseConfig({ loadBalancer: JSON.stringify({ certificateArn: cert }) }).loadBalancer, {
            port: 443, targetPort: 80, healthCheckPath: "/", sources: ["0.0.0.0/0", "::/0"], deletionProtection: false, certificateArn: cert,
        });
        assert.deepEqual(parseConfig({
            loadBalancer: JSON.stringify({ port: 8443, targetPort: "8080", healthCheckPath: "/healthz?full=1", certificateArn: cert, sources: ["203.0.113.0/24", "2001:db8::/32"], deletionProtection: true }),
        }).loadBalancer, {
            port: 8443, targetPort: 8080, healthCheckPath: "/healthz?full=1", sources: ["203.0.113.0/24", "2001:db8::/32"], deletionProtection: true, certificateArn: cert,
        });
    });

    it("puts the load balancer of an adopted network in the subnets it names, and fixed servers behind it", () => {
        const cfg = parseConfig({
            existingVpcId: "vpc-0e1d2c3b4a5968778",
            existingSubnetIds: '["subnet-0aa11bb22cc33dd44"]',
            instanceCount: "2",
            elasticIp: "true",
            loadBalancer: '{"subnetIds":["subnet-0ee55ff66aa77bb88","subnet-0123456789abcdef0"]}',
        });
        assert.deepEqual(cfg.loadBalancer, {
            port: 80, targetPort: 80, healthCheckPath: "/", sources: ["0.0.0.0/0", "::/0"], deletionProtection: false,
            subnetIds: ["subnet-0ee55ff66aa77bb88", "subnet-0123456789abcdef0"],
        });
        assert.equal(cfg.autoScaling, undefined);
        assert.equal(cfg.instanceCount, 2);
    });
});
